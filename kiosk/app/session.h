// Who is at the kiosk, as the flows need to know it. Ids stay here, never in the ViewState
// (which the screens draw): a screen cannot show or leak them.
#pragma once

#include <cstdint>
#include <optional>

namespace vsk::app {

struct Session {
  std::optional<std::int64_t> resident_id;
  std::optional<std::int64_t> staff_id;
};

}  // namespace vsk::app
