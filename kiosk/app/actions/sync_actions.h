// Admin mode's sync health screen (同步状态); handled by app/sync_flow.h. The screen itself is
// opened with OpenAdminFeature{"admin.sync"}.
#pragma once

#include <cstdint>
#include <variant>

namespace vsk::app {

struct SyncNow {};  // 立即同步
struct SyncRetry {  // send a quarantined operation again, as a new one
  std::int64_t seq = 0;  // its outbox seq
};
struct SyncDiscard {  // give up on a quarantined operation (audited)
  std::int64_t seq = 0;
};
struct SyncConflictDone {  // staff have dealt with a conflict
  std::int64_t conflict_id = 0;
};

using SyncAction = std::variant<SyncNow, SyncRetry, SyncDiscard, SyncConflictDone>;

}  // namespace vsk::app
