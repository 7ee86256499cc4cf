// Service requests, their form values, their append-only event log, ratings and follow-ups.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/pin_lockout.h"
#include "core/request_status.h"
#include "platform/pii_cipher.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

struct RequestRecord {
  std::int64_t id = 0;
  std::string number;
  std::string service_id;
  std::optional<std::int64_t> resident_id;
  bool anonymous = false;
  std::string pickup_code;
  std::optional<std::string> claim_code;
  bool reward_opt_in = false;
  core::RequestStatus status = core::RequestStatus::kSubmitted;
  std::optional<std::int64_t> filed_by_staff_id;
  std::optional<std::int64_t> assignee_staff_id;
  std::optional<std::int64_t> grid_id;
  std::int64_t submitted_at = 0;
  std::int64_t updated_at = 0;
  std::string due_date;
  std::optional<std::string> escalation_department;
  // Joined for display:
  std::string resident_name;   // empty when anonymous
  std::string assignee_name;
  std::string grid_name;
  std::optional<int> rating;   // latest rating level, if any
};

struct RequestEventRecord {
  std::int64_t seq = 0;
  core::RequestEventKind kind = core::RequestEventKind::kSubmit;
  std::optional<core::RequestStatus> from;
  core::RequestStatus to = core::RequestStatus::kSubmitted;
  std::int64_t at = 0;
  std::optional<std::int64_t> staff_id;
  std::string staff_name;
  bool on_behalf = false;
  std::string note;
};

struct RatingRecord {
  int level = 0;
  std::string tags;
  std::string source;
  std::optional<std::int64_t> staff_id;
  std::int64_t at = 0;
};

struct NewRequest {
  std::string number;
  std::string service_id;
  std::optional<std::int64_t> resident_id;
  bool anonymous = false;
  std::string pickup_code;
  std::optional<std::string> claim_code;
  bool reward_opt_in = false;
  std::optional<std::int64_t> filed_by_staff_id;
  std::optional<std::int64_t> grid_id;
  std::int64_t at = 0;
  std::string due_date;
  std::map<std::string, std::string> fields;
  std::string note;  // on the submit event
};

struct NewEvent {
  core::RequestEventKind kind;
  core::RequestStatus from;
  core::RequestStatus to;
  std::int64_t at = 0;
  std::optional<std::int64_t> staff_id;
  bool on_behalf = false;
  std::string note;
};

struct QueueFilter {
  std::optional<core::RequestStatus> status;
  std::optional<std::string> service_id;
  std::optional<std::int64_t> grid_id;
  std::optional<std::int64_t> assignee_staff_id;
  bool overdue_only = false;
  bool open_only = false;  // not completed, rejected or cancelled
  bool followup_only = false;  // with an open follow-up task (e.g. call back after a bad rating)
  std::string today;       // YYYY-MM-DD, for overdue
  int limit = 50;
  int offset = 0;
};

struct QueueCounts {
  std::map<core::RequestStatus, std::int64_t> by_status;
  std::int64_t overdue = 0;
  std::int64_t followups = 0;  // requests with an open follow-up task
  std::int64_t total = 0;
};

class RequestStore {
 public:
  // Form values are stored encrypted (schema v5; some are phone numbers) and read decrypted.
  RequestStore(db::Database& db, const platform::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // Inserts the request, its fields and the submit event (seq 1). Returns the new id.
  std::int64_t insert(db::Transaction& tx, const NewRequest& r);
  // Appends an event and brings requests.status/updated_at in line with it.
  void append_event(db::Transaction& tx, std::int64_t request_id, const NewEvent& e);
  void set_assignee(db::Transaction& tx, std::int64_t request_id, std::optional<std::int64_t> staff_id);
  void set_escalation_department(db::Transaction& tx, std::int64_t request_id, const std::string& department);
  void set_due_date(db::Transaction& tx, std::int64_t request_id, const std::string& due);
  void add_rating(db::Transaction& tx, std::int64_t request_id, const RatingRecord& r);
  void add_followup(db::Transaction& tx, std::int64_t request_id, const std::string& kind, std::int64_t due_at);
  // Marks the request's open follow-ups done; returns how many were open.
  int complete_followups(db::Transaction& tx, std::int64_t request_id, std::int64_t staff_id, std::int64_t at,
                         const std::string& note);

  std::optional<RequestRecord> find(std::int64_t id);
  std::optional<RequestRecord> find_by_number(const std::string& number);
  std::optional<RequestRecord> find_by_claim_code(const std::string& code);
  std::vector<RequestRecord> for_resident(std::int64_t resident_id);
  std::vector<RequestEventRecord> events(std::int64_t request_id);
  std::map<std::string, std::string> fields(std::int64_t request_id);
  std::vector<RatingRecord> ratings(std::int64_t request_id);
  std::int64_t open_followups(std::int64_t request_id);

  std::vector<RequestRecord> queue(const QueueFilter& f);
  QueueCounts counts(const std::string& today);
  // Wrong pickup codes typed for a request number (schema v13); nothing stored: none.
  core::PinAttemptState track_attempts(const std::string& number);
  // An empty state (after the right code) forgets the number.
  void save_track_attempts(db::Transaction& tx, const std::string& number, const core::PinAttemptState& s);
  // The highest sequence already used by numbers starting with `prefix` (0 if none).
  int last_sequence(const std::string& prefix);
  std::int64_t count();
  // The receipt QR's token for `number` (core/status_link.h): a hash keyed with this kiosk's
  // PII key, so nobody without the key can guess it, yet every reprint shows the same token
  // without a column to keep it in.
  std::string status_token(const std::string& number) const;

 private:
  using Arg = std::variant<std::int64_t, std::string>;
  std::vector<RequestRecord> select(const std::string& where_and_order, const std::vector<Arg>& args);
  // Event notes are encrypted (schema v9): an empty note is NULL, any other the sealed text.
  void bind_note(db::Statement& st, int index, const std::string& note) const {
    if (note.empty())
      st.bind_null(index);
    else
      st.bind_blob(index, cipher_.encrypt(note));
  }
  db::Database& db_;
  const platform::PiiCipher& cipher_;
};

}  // namespace vsk::store
