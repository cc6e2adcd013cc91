#include "engine/wal/durability.h"

#include <charconv>

namespace strata {

Result<WalDurability> parse_durability(std::string_view text) {
  if (text == "batch") return WalDurability{DurabilityMode::kBatch, {}};
  if (text == "none") return WalDurability{DurabilityMode::kNone, {}};
  constexpr std::string_view kInterval = "interval:";
  auto bad = [&text] {
    return Status::invalid_argument("bad durability \"" + std::string(text) +
                                    "\": want batch, none or interval:<n>ms|s (e.g. interval:100ms)");
  };
  if (!text.starts_with(kInterval)) return bad();
  std::string_view rest = text.substr(kInterval.size());
  int64_t amount = 0;
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), amount);
  if (error != std::errc() || amount <= 0) return bad();
  const std::string_view unit(end, rest.data() + rest.size() - end);
  if (unit == "ms") return WalDurability{DurabilityMode::kInterval, std::chrono::milliseconds(amount)};
  if (unit == "s") return WalDurability{DurabilityMode::kInterval, std::chrono::seconds(amount)};
  return bad();
}

std::string durability_name(const WalDurability& durability) {
  switch (durability.mode) {
    case DurabilityMode::kBatch: return "batch";
    case DurabilityMode::kNone: return "none";
    case DurabilityMode::kInterval: return "interval:" + std::to_string(durability.interval.count()) + "ms";
  }
  return "batch";
}

}  // namespace strata
