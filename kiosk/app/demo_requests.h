// A few dozen fictional requests in every workflow state, filed over the past weeks by demo
// residents and moved along by demo staff, so the queue, timelines and ratings have
// something to show on a first start. Written through RequestService, like real ones.
#pragma once

#include <cstdint>

#include "core/catalog.h"
#include "core/working_calendar.h"
#include "platform/random.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// Files `count` requests dated before `now_unix` (never today, so today's numbers start at 001).
// Returns how many were written.
int seed_demo_requests(store::KioskStore& store, const core::Catalog& catalog, const core::WorkingCalendar& calendar,
                       platform::Random& random, std::int64_t now_unix, int count = 48);

// A valid value for a form field, as a resident filing on `day` might give it.
std::string demo_field_value(const core::FormField& f, const core::Date& day, int salt);

}  // namespace vsk::app
