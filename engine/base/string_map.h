// A flat hash map keyed by std::string that is looked up with std::string_view without
// building a string (transparent hash and equality; xxh3 as the hash).
#pragma once

#include <string>
#include <string_view>

#include <boost/unordered/unordered_flat_map.hpp>

#include "engine/base/checksum.h"

namespace strata {

struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const noexcept { return hash64(text, 0); }
};

struct TransparentStringEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};

template <typename Value>
using StringMap = boost::unordered_flat_map<std::string, Value, TransparentStringHash, TransparentStringEqual>;

}  // namespace strata
