#include "sync/township/store/usb_exchange_store.h"

namespace vsk::township {

UsbExchangeStore::UsbExchangeStore(const Dialect& d)
    : latest_("SELECT device_id, last_at, envelopes, ops, changes, imports FROM usb_exchanges WHERE " +
              d.in_scope("township_id", 1)) {}

void UsbExchangeStore::record(Tx& tx, std::int64_t township_id, const std::string& device_id, const UsbExchange& last) {
  tx.exec("INSERT INTO usb_exchanges(device_id, township_id, last_at, envelopes, ops, changes, imports) "
          "VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (device_id) DO UPDATE SET last_at = excluded.last_at, "
          "envelopes = excluded.envelopes, ops = excluded.ops, changes = excluded.changes, "
          "imports = usb_exchanges.imports + 1",
          {device_id, township_id, last.at, last.envelopes, last.ops, last.changes});
}

std::map<std::string, UsbExchange> UsbExchangeStore::latest(Tx& tx) {
  std::map<std::string, UsbExchange> out;
  for (const auto& r : tx.query(latest_, {tx.scope_param()}))
    out[r.text(0)] = {r.integer(1), r.integer(2), r.integer(3), r.integer(4), r.integer(5)};
  return out;
}

}  // namespace vsk::township
