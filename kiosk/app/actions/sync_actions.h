// Admin mode's sync health screen (同步状态); handled by app/sync_flow.h. The screen itself is
// opened with OpenAdminFeature{"admin.sync"}.
#pragma once

#include <cstdint>
#include <variant>

#include "app/usb_port.h"

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

// USB stick (issue 19). 通过U盘连接乡镇 opens a panel on the same screen: the one-time code on
// a pad of the code's own letters and digits, 写出注册请求 and 读取乡镇回复.
struct SyncUsbOpen {};
struct SyncUsbClose {};
struct SyncUsbCodeKey {  // one key of the code pad; '\b' deletes the last character
  char key = 0;
};
struct SyncUsbStart {  // 写出注册请求 / 读取乡镇回复 / 导出U盘数据 / 导入U盘数据
  UsbJob job = UsbJob::kNone;
};

using SyncAction = std::variant<SyncNow, SyncRetry, SyncDiscard, SyncConflictDone, SyncUsbOpen, SyncUsbClose,
                                SyncUsbCodeKey, SyncUsbStart>;

}  // namespace vsk::app
