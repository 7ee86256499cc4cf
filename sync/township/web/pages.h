// The dashboard's pages as data for their templates: each reads the store within the
// viewer's scope and role, and returns what the template shows (already translated and
// masked). No HTTP here (dashboard.cpp routes), so the rules are plain functions.
#pragma once

#include <string>

#include "core/catalog.h"
#include "core/working_calendar.h"
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
// `department`: the filter ("" for all; a department account always sees its own only).
Data escalations_page(const PageContext& c, const std::string& department);
Data audit_page(const PageContext& c);
Data kiosks_page(const PageContext& c);
Data users_page(const PageContext& c);
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
