// What a flow's action handler tells the router: done, or "identify the resident first, then
// continue" (the router pushes the identification screen with the continuation).
#pragma once

namespace vsk::app {

enum class FlowResult { kDone, kIdentifyFirst };

}  // namespace vsk::app
