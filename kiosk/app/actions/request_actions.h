// A resident's service requests: the catalog, the one-question-per-page form, the receipt,
// tracking, my requests and rating; handled by app/request_flow.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

namespace vsk::app {

struct OpenRequests {};  // 办事申请: the catalog
struct OpenTrack {};     // 进度查询
struct OpenMyRequests {};  // needs identification
struct PickCategory {
  std::string category_id;
};
struct PickService {
  std::string service_id;
};
struct StartForm {};        // identify if needed, then the first question
struct FileAnonymously {};  // reports: file without identification
struct SetValue {           // the answer to the question on screen
  std::string value;        // choice id, "true"/"false", phrase, ISO date, typed text
};
struct DateMonth {  // the month the date picker shows
  int year = 0;
  int month = 0;  // 1..12
};
struct NextField {};
struct PrevField {};
struct ToggleReward {};    // rewarded report: opt in / out of the reward
struct ConfirmRequest {};  // file it
struct PrintReceipt {};
struct OpenRequest {
  std::int64_t request_id = 0;
};
struct StartRating {};
struct RateLevel {
  int level = 0;  // 1..5
};
struct ToggleTag {
  std::string tag_id;
};
struct RateByPhone {};  // staff recording a rating: toggles phone / in person
struct SubmitRating {};
struct Reopen {};
// The request's history, paged: the UI says how many of the newest entries to skip (it knows
// how many fit on screen); 0 shows the newest.
struct TimelinePage {
  std::size_t skip = 0;
};

// A service's page (what it takes, the materials), paged: the first line to show (the UI knows
// how many lines fit on screen).
struct DetailFrom {
  std::size_t first = 0;
};

using RequestAction =
    std::variant<OpenRequests, OpenTrack, OpenMyRequests, PickCategory, PickService, StartForm, FileAnonymously,
                 SetValue, DateMonth, NextField, PrevField, ToggleReward, ConfirmRequest, PrintReceipt, OpenRequest,
                 StartRating, RateLevel, ToggleTag, RateByPhone, SubmitRating, Reopen, TimelinePage, DetailFrom>;

}  // namespace vsk::app
