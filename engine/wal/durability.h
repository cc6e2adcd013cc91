// When a write is acknowledged (docs/architecture.md "Acknowledged writes"): after the fdatasync of the group
// that holds it (batch, the default), after it is written with a sync at least every
// interval (interval:<duration>), or after it is written with no sync (none).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata {

enum class DurabilityMode : uint8_t { kBatch = 0, kInterval = 1, kNone = 2 };

struct WalDurability {
  DurabilityMode mode = DurabilityMode::kBatch;
  std::chrono::milliseconds interval{100};  // kInterval only
};

// "batch", "none", "interval:100ms" or "interval:2s"; kInvalidArgument otherwise.
Result<WalDurability> parse_durability(std::string_view text);
// The inverse of parse_durability.
std::string durability_name(const WalDurability& durability);

}  // namespace strata
