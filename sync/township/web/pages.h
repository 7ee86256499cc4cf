// The dashboard's pages as data for their templates: each reads the store within the
// viewer's scope and role, and returns what the template shows (already translated and
// masked). No HTTP here (dashboard.cpp routes), so the rules are plain functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/working_calendar.h"
#include "sync/township/staff_audit.h"
#include "sync/township/township_service.h"
#include "sync/township/web/accounts.h"
#include "sync/township/web/i18n.h"
#include "sync/township/web/templates.h"

namespace vsk::township::web {

struct PageContext {
  const Viewer& viewer;
  const std::string& lang;
  const Translations& tr;
  TownshipService& service;
  platform::Clock& clock;
  const core::Catalog& catalog;
  const core::WorkingCalendar& calendar;
  int township_report_days = 5;  // working days a township has to answer an escalation
  const std::string& t(const std::string& key) const { return tr.text(lang, key); }
};

// "2026-11-23 10:00", China time; "" for nothing.
std::string format_time(std::int64_t unix_seconds);

Data overview_page(const PageContext& c);
// The 村务公开 categories a village has let pass their legal cadence (finance monthly, village
// and party affairs quarterly), judged as its kiosk judges them (kiosk/core/notice.h), in the
// viewer's words, joined with "、"; "" when none is overdue.
std::string overdue_notices_text(const PageContext& c, const LastPublished& last, std::int64_t now);
// 村务公开's per-village table: each village's newest publication per category with a legal
// cadence (finance, village, party affairs), late ones marked; villages by name.
Data notice_cadence(const PageContext& c);
// `department`: the filter ("" for all; a department account always sees its own only).
Data escalations_page(const PageContext& c, const std::string& department);
// One escalated request with its timeline; nullopt when it is not in reach (unknown, never
// escalated, or a department's that was routed elsewhere).
std::optional<Data> escalation_detail_page(const PageContext& c, const std::string& village, const std::string& number);
std::string escalation_href(const std::string& village, const std::string& number);
// Percent-encodes all but unreserved characters (RFC 3986), for a query's value.
std::string query_value(const std::string& s);
Data audit_page(const PageContext& c);
Data kiosks_page(const PageContext& c);
// The reply's name on the stick, from the uploaded file's: "QS1-to-township.vsk" ->
// "QS1-from-township.vsk", "QS1-enroll.vsk" -> "QS1-enrolled.vsk" (the kiosk reads every
// .vsk file; letters, digits, '-' and '_' only, so the header needs no quoting).
std::string usb_reply_file_name(const std::string& uploaded, bool enrollment);
Data users_page(const PageContext& c);
// 文档: the documents staff publish ("catalog", "points_rules") and their versions.
// `chosen_scope`: the form's selection (after a refusal, what was tried).
Data documents_page(const PageContext& c, const std::string& chosen_scope);
const std::vector<std::string>& document_scopes();
// 村务公开: the township's notices and the form's values (kept after a refusal).
struct NoticeForm {
  std::string category, village, title, body, period_start, period_end, end_date;
};
Data notices_page(const PageContext& c, const NoticeForm& form);
// What a township may publish (not finance: that needs rows).
const std::vector<std::string>& township_notice_categories();
// 积分: the township's points entries and the form's values.
struct PointsForm {
  std::string village, household, delta, rule, reason;
};
Data points_page(const PageContext& c, const PointsForm& form);
// The villages within the viewer's scope, by name, and as a select's options.
std::vector<std::string> village_names(const PageContext& c);
Data village_options(const PageContext& c, const std::string& selected);
// Audit target -> actor of the newest entry with `action` (who published what).
std::map<std::string, std::string> audit_actors(const PageContext& c, const std::string& action);
// The roles the users page offers, as the store names them.
const std::vector<std::string>& role_names();
// What a kiosk may be told to download again.
const std::vector<std::string>& resync_scopes();

// Alerts of a village on the overview (thresholds in overview_page.cpp).
struct VillageAlerts {
  bool silent = false;          // a kiosk, but none heard from for over 24 h
  bool clock_off = false;       // a kiosk's clock off by more than five minutes
  bool no_kiosk = false;
  std::int64_t refused_ops = 0;
};

}  // namespace vsk::township::web
