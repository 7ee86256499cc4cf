// What the township hears about village requests: one outbox operation per change, queued in
// the same transaction as the change. Payloads carry status facts; personal data (form values,
// the resident's name and phone) only goes with an escalation, because the township
// department then has to act on it.
#pragma once

#include <cstdint>
#include <string>

#include "store/kiosk_store.h"

namespace vsk::app {

void queue_request_submitted(db::Transaction& tx, store::KioskStore& store, const store::NewRequest& r,
                             std::int64_t now);
// `r` is the request before the event; `e` the event just appended.
void queue_request_event(db::Transaction& tx, store::KioskStore& store, const store::RequestRecord& r,
                         const store::NewEvent& e, const std::string& department);
void queue_request_rated(db::Transaction& tx, store::KioskStore& store, const store::RequestRecord& r, int level,
                         const std::string& source, std::int64_t now);
// Staff called the resident back after a 差评 (the township's 好差评 page shows it); the note
// stays in the village.
void queue_followup_done(db::Transaction& tx, store::KioskStore& store, const store::RequestRecord& r, std::int64_t now);

// True while request `number`'s escalation has not reached the township: the kiosk is not
// enrolled, or the escalation is still in the outbox. Screens then say 待上报, not 已上报乡镇.
bool escalation_unsent(store::KioskStore& store, const std::string& number);

}  // namespace vsk::app
