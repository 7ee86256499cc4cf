// The page behind the receipt QR (BASE/r/NUMBER?t=TOKEN), for a resident's phone: public
// facts only (service, public status, promised date, when the township last heard from the
// village). Never a name, ID, phone, address or free text: nothing of the request's detail
// is read.
#include "sync/township/web/status_page.h"

namespace vsk::township::web {

std::string public_status_key(const std::string& status) {
  if (status == "submitted") return "pub_submitted";
  if (status == "accepted") return "pub_accepted";
  if (status == "waiting_resident") return "pub_waiting";
  if (status == "escalated") return "pub_escalated";
  if (status == "completed") return "pub_completed";
  if (status == "rejected") return "pub_rejected";
  if (status == "cancelled") return "pub_cancelled";
  return "pub_in_progress";  // in_progress, reopened, township_replied
}

std::optional<Data> status_page(TownshipStore& store, const core::Catalog& catalog, const Translations& tr,
                                const std::string& lang, const std::string& number, const std::string& token) {
  if (token.size() < 16 || token.size() > 128) return std::nullopt;
  std::optional<PublicStatus> s;
  {
    Tx tx = store.read_replica(store.every_township());
    s = store.dashboard().public_status(tx, number, status_token_hash(token));
  }
  if (!s) return std::nullopt;
  const core::Service* service = catalog.find(s->service_id);
  Data d;
  d.set("number", number);
  d.set("service", service ? service->name.in(lang) : "");
  d.set("status", tr.text(lang, public_status_key(s->status)));
  d.set("done", Data(s->status == "completed" || s->status == "rejected" || s->status == "cancelled"));
  d.set("due_date", text_or_false(s->due_date));
  d.set("as_of", format_time(s->village_news ? std::max(*s->village_news, s->updated_at) : s->updated_at));
  return d;
}

}  // namespace vsk::township::web
