// When to try the next sync round: after a success, the regular interval; after failures,
// exponential backoff with a cap and jitter (so a township coming back after an outage is not
// hit by every kiosk in the same second). Pure arithmetic, tested directly.
#pragma once

#include <algorithm>
#include <cstdint>

namespace vsk::sync {

struct BackoffPolicy {
  std::int64_t interval_ms = 5 * 60 * 1000;  // after a success
  std::int64_t first_retry_ms = 15 * 1000;   // after the first failure
  std::int64_t cap_ms = 30 * 60 * 1000;      // never wait longer than this

  // `failures` in a row (0 after a success); `jitter` in [0, 1): the delay is scaled into
  // [50 %, 100 %] of the nominal one. A busy township's Retry-After (`retry_after_s` > 0)
  // replaces the exponential step: never sooner than it asked, up to half as long again so
  // kiosks sent away in the same second do not all come back in the same second (the
  // township spreads them already: each is given a later slot, see worker_pool.h).
  std::int64_t delay_ms(int failures, double jitter, std::int64_t retry_after_s = 0) const {
    if (failures > 0 && retry_after_s > 0) {
      const std::int64_t asked = std::min(retry_after_s, cap_ms / 1000) * 1000;
      return std::min(cap_ms, asked + static_cast<std::int64_t>(static_cast<double>(asked / 2) * std::clamp(jitter, 0.0, 1.0)));
    }
    std::int64_t nominal = interval_ms;
    if (failures > 0) {
      nominal = first_retry_ms;
      for (int i = 1; i < failures && nominal < cap_ms; ++i) nominal *= 2;
      nominal = std::min(nominal, cap_ms);
    }
    return nominal / 2 + static_cast<std::int64_t>(static_cast<double>(nominal / 2) * std::clamp(jitter, 0.0, 1.0));
  }
};

}  // namespace vsk::sync
