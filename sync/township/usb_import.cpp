// TownshipService::import_bundle: a kiosk's USB bundle (issue 19), each envelope through
// handle_envelope() as if it had come over the network, and the exchange kept for 終端状态.
#include "sync/protocol/bundle.h"
#include "sync/township/store/usb_exchange_store.h"
#include "sync/township/township_service.h"

namespace vsk::township {

UsbImport TownshipService::import_bundle(std::string_view bundle) {
  UsbImport out;
  const auto envelopes = sync::read_bundle(bundle, &out.error);
  if (!envelopes) return out;
  out.envelopes = static_cast<int>(envelopes->size());
  for (const auto& e : *envelopes) {
    const Reply r = handle_envelope(e, &out.carried);
    if (r.ok())
      out.replies.push_back(r.body);
    else if (r.code == "replayed")
      ++out.already;  // this bundle (or this part of it) was imported before: nothing changes
    else
      out.refusals.push_back(r.body);
  }
  if (out.replies.empty() || out.carried.device_id.empty()) return out;
  std::optional<Device> d;
  {
    Tx tx = store_.read(Scope::lookup());
    d = store_.devices().find(tx, out.carried.device_id);
  }
  if (!d) return out;
  const UsbExchange last{clock_.unix_seconds(), static_cast<std::int64_t>(out.replies.size()), out.carried.ops,
                         out.carried.changes, 0};
  store_.write_retrying(Scope::township(d->township_id), [&](Tx& tx) {
    UsbExchangeStore(store_.dialect()).record(tx, d->township_id, d->id, last);
    tx.commit();
  });
  return out;
}

}  // namespace vsk::township
