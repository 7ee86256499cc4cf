#include "app/demo_requests.h"

#include <vector>

#include "app/request_service.h"
#include "fake/manual_clock.h"

namespace vsk::app {
namespace {

using E = core::RequestEventKind;

// What happens to each demo request after filing, cycling so every state appears.
struct Story {
  std::vector<E> steps;
  int rating = 0;  // 0: not rated
};

const std::vector<Story>& stories() {
  static const std::vector<Story> kStories = {
      {{}, 0},                                              // submitted
      {{E::kAccept}, 0},                                    // accepted
      {{E::kAccept, E::kAssign}, 0},                        // in progress
      {{E::kAccept, E::kAskMaterials}, 0},                  // waiting on the resident
      {{E::kAccept, E::kEscalate}, 0},                      // escalated to the township
      {{E::kAccept, E::kAssign, E::kComplete}, 5},          // completed, very satisfied
      {{E::kReject}, 0},                                    // rejected
      {{E::kCancel}, 0},                                    // withdrawn
      {{E::kAccept, E::kComplete, E::kReopen}, 0},          // reopened
      {{E::kAccept, E::kAssign, E::kComplete}, 2},          // completed, dissatisfied: call-back
      {{E::kAccept, E::kAssign, E::kComplete}, 0},          // completed, not rated yet
      {{E::kAccept, E::kEscalate, E::kTownshipReply}, 0},   // back from the township
  };
  return kStories;
}

std::string note_for(E kind) {
  switch (kind) {
    case E::kReject: return "reason.reject.not_eligible";
    case E::kAskMaterials: return "reason.ask.household_book";
    case E::kEscalate: return "reason.escalate.beyond_village";
    case E::kTownshipReply: return "reason.note.forwarded";
    case E::kReopen: return "reason.reopen.not_solved";
    default: return "";
  }
}

}  // namespace

std::string demo_field_value(const core::FormField& f, const core::Date& day, int salt) {
  switch (f.type) {
    case core::FieldType::kChoice:
      return f.choices[static_cast<size_t>(salt) % f.choices.size()].id;
    case core::FieldType::kNumber:
      return std::to_string(f.min + (f.max > f.min ? salt % std::min<std::int64_t>(f.max - f.min + 1, 4) : 0));
    case core::FieldType::kDate:
      return core::format_date(f.date_rule == core::DateRule::kTodayOrFuture ? core::add_days(day, 7)
                                                                             : core::add_days(day, -1));
    case core::FieldType::kPhone: {
      std::string digits = std::to_string(10000000 + (salt * 7919) % 90000000);
      return "139" + digits.substr(0, 8);
    }
    case core::FieldType::kShortText:
      return f.phrases.empty() ? "" : f.phrases[static_cast<size_t>(salt) % f.phrases.size()].zh;
    case core::FieldType::kYesNo:
      return "true";
  }
  return "";
}

int seed_demo_requests(store::KioskStore& store, const core::Catalog& catalog, const core::WorkingCalendar& calendar,
                       platform::Random& random, std::int64_t now_unix, int count) {
  const auto residents = store.residents().list(2000, 0);
  const auto staff = store.staff().list();
  if (residents.empty() || staff.size() < 4 || catalog.services.empty()) return 0;
  std::vector<std::int64_t> runners;  // grid workers and volunteers run errands
  for (const auto& s : staff)
    if (s.role == "grid_worker" || s.role == "volunteer") runners.push_back(s.id);
  const std::int64_t clerk = staff.at(1).id;

  // A clock of our own walks through the past weeks while the requests are filed and handled.
  const std::int64_t start = now_unix - 30LL * 86400;
  platform::ManualClock clock(start);
  RequestService service(store, catalog, calendar, clock, random);
  int written = 0;
  for (int i = 0; i < count; ++i) {
    const core::Service& svc = catalog.services[static_cast<size_t>(i) % catalog.services.size()];
    const auto& resident = residents[static_cast<size_t>(i * 37 + 11) % residents.size()];
    const std::int64_t filed_at = start + static_cast<std::int64_t>(i) * (26LL * 86400 / count) + 9 * 3600;
    clock.advance_ms((filed_at - clock.unix_seconds()) * 1000);
    SubmitInput in;
    in.service_id = svc.id;
    in.resident_id = resident.id;
    for (const auto& f : svc.fields)
      if (f.required || i % 2 == 0) in.fields[f.id] = demo_field_value(f, core::date_of(filed_at), i);
    const auto receipt = service.submit(in);
    if (!receipt) continue;
    ++written;
    const Story& story = stories()[static_cast<size_t>(i) % stories().size()];
    for (size_t k = 0; k < story.steps.size(); ++k) {
      clock.advance_ms(3 * 3600 * 1000);  // a few hours between steps
      const E kind = story.steps[k];
      if (kind == E::kReopen) {
        (void)service.reopen(receipt.value().id, resident.id, note_for(kind));
        continue;
      }
      TransitionInput t{kind, clerk, note_for(kind), std::nullopt, "", false};
      if (kind == E::kAssign) t.assignee_staff_id = runners[static_cast<size_t>(i) % runners.size()];
      if (kind == E::kCancel) t.staff_id.reset();
      (void)service.transition(receipt.value().id, t);
    }
    if (story.rating > 0)
      (void)service.rate(receipt.value().id, {story.rating, story.rating >= 4 ? "fast,friendly" : "too_slow",
                                               RatingSource::kKiosk, std::nullopt, resident.id});
  }
  return written;
}

}  // namespace vsk::app
