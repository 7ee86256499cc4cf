// The app's handle on USB stick work (issue 19): enrollment by stick and the bundle exchange
// for a village with no link; and, on the same panel, enrollment over the network (连接乡镇,
// issue 11: the township's address and the code typed on screen), a job like the others. The work itself lives in sync/ (sync/client/usb_exchange.h),
// which depends on the app, not the other way round; it runs on its own thread with its own
// database connection, and the 同步状态 screen polls progress() each frame. Tests and kiosks
// built without it pass none.
#pragma once

#include <string>

namespace vsk::app {

enum class UsbJob {
  kNone,
  kEnrollRequest,  // write this kiosk's enrollment request to the stick (needs the code)
  kEnrollReply,    // read the township's enrollment reply from the stick
  kExport,         // the village's pending operations onto the stick (导出U盘数据)
  kImport,         // the township's answer from the stick (导入U盘数据)
  kEnrollNetwork,  // enroll with the township at the typed address (needs the code; no stick)
};

struct UsbProgress {
  UsbJob job = UsbJob::kNone;
  bool running = false;
  int done = 0, total = 0;  // envelopes handled so far of all; 0 of 0 while not yet known
  bool finished = false;    // the last job ended; its outcome follows
  bool ok = false;
  // "usb.no_stick", "usb.full", "usb.read_only", "usb.no_reply", "usb.io", or a sync error
  // code of the client ("wrong_kiosk", "bad_bundle", ...; app/sync_error_text.h).
  std::string error_code;
  std::string file;  // the file written or read, its name on the stick
  int sent = 0, received = 0, history = 0;  // operations out, township changes in, inherited
  std::string stick;  // where the stick was found
};

class UsbPort {
 public:
  virtual ~UsbPort() = default;
  // Starts a job in the background; false when one is still running. `code`: for
  // kEnrollRequest and kEnrollNetwork, the one-time code staff typed; `server_url`: for
  // kEnrollNetwork, the township's address.
  virtual bool start(UsbJob job, const std::string& code, const std::string& server_url = "") = 0;
  virtual UsbProgress progress() const = 0;
};

}  // namespace vsk::app
