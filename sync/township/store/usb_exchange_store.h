// The USB exchanges of villages with no link (issue 19) as 终端状态 shows them (issue 12): per
// kiosk, the last bundle imported, when, and what it carried (operations up, changes in the
// reply), with the number of bundles imported so far. Written by `import-bundle`.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sync/township/store/tx.h"

namespace vsk::township {

struct UsbExchange {
  std::int64_t at = 0;     // server time of the import
  std::int64_t envelopes = 0;
  std::int64_t ops = 0;      // operations the bundle carried up
  std::int64_t changes = 0;  // township changes its reply carries down
  std::int64_t imports = 0;  // bundles of this kiosk imported in all
};

class UsbExchangeStore {
 public:
  explicit UsbExchangeStore(const Dialect& d);
  void record(Tx& tx, std::int64_t township_id, const std::string& device_id, const UsbExchange& last);
  std::map<std::string, UsbExchange> latest(Tx& tx);  // by device id, within the scope

 private:
  std::string latest_;
};

}  // namespace vsk::township
