#include "app/request_outbox.h"

#include <nlohmann/json.hpp>

namespace vsk::app {

using nlohmann::json;

void queue_request_submitted(db::Transaction& tx, store::KioskStore& store, const store::NewRequest& r,
                             std::int64_t now) {
  const json p{{"number", r.number},       {"service_id", r.service_id}, {"status", "submitted"},
               {"submitted_at", r.at},     {"due_date", r.due_date},     {"anonymous", r.anonymous},
               {"on_behalf", r.filed_by_staff_id.has_value()},
               {"status_token", store.requests().status_token(r.number)}};  // the township keeps its hash
  store.sync().enqueue(tx, "request.submitted", p.dump(), now);
}

void queue_request_event(db::Transaction& tx, store::KioskStore& store, const store::RequestRecord& r,
                         const store::NewEvent& e, const std::string& department) {
  json p{{"number", r.number},
         {"service_id", r.service_id},
         {"kind", core::event_name(e.kind)},
         {"from", core::status_name(e.from)},
         {"status", core::status_name(e.to)},
         {"at", e.at},
         {"note", e.note}};
  if (e.kind == core::RequestEventKind::kEscalate) {
    p["department"] = department;
    json detail{{"fields", store.requests().fields(r.id)}, {"grid", r.grid_name}, {"submitted_at", r.submitted_at},
                {"reason", e.note}};
    if (r.resident_id) {
      if (const auto who = store.residents().find(*r.resident_id)) {
        detail["resident_name"] = who->name;
        detail["resident_phone"] = who->phone.value_or("");
        detail["address"] = who->address;
      }
    }
    p["detail"] = detail;
  }
  store.sync().enqueue(tx, "request.event", p.dump(), e.at);
}

void queue_request_rated(db::Transaction& tx, store::KioskStore& store, const store::RequestRecord& r, int level,
                         const std::string& source, std::int64_t now) {
  const json p{{"number", r.number}, {"service_id", r.service_id}, {"status", core::status_name(r.status)},
               {"level", level},     {"source", source}};
  store.sync().enqueue(tx, "request.rated", p.dump(), now);
}

void queue_followup_done(db::Transaction& tx, store::KioskStore& store, const store::RequestRecord& r, std::int64_t now) {
  const json p{{"number", r.number}, {"service_id", r.service_id}, {"status", core::status_name(r.status)},
               {"kind", "bad_rating_callback"}, {"at", now}};
  store.sync().enqueue(tx, "request.followup_done", p.dump(), now);
}

bool escalation_unsent(store::KioskStore& store, const std::string& number) {
  store::SyncStore& sync = store.sync();
  const bool enrolled = sync.get(store::sync_key::kDeviceId).value_or("") != "" &&
                        sync.get(store::sync_key::kServerKey).has_value();
  if (!enrolled) return true;
  constexpr int kBatch = 500;
  std::int64_t after = sync.get_int(store::sync_key::kAckedSeq);
  for (;;) {
    const auto ops = sync.ops_after(after, kBatch);
    for (const auto& op : ops) {
      if (op.type != "request.event") continue;
      const json p = json::parse(op.payload, nullptr, /*allow_exceptions=*/false);
      if (p.is_object() && p.value("number", "") == number && p.value("kind", "") == "escalate") return true;
    }
    if (ops.size() < static_cast<std::size_t>(kBatch)) return false;
    after = ops.back().seq;
  }
}

}  // namespace vsk::app
