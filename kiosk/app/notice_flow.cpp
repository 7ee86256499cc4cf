#include "app/notice_flow.h"

#include <algorithm>
#include <charconv>

#include "core/id_number.h"

namespace vsk::app {
namespace {

constexpr std::size_t kMaxAmountDigits = 9;  // up to 9,999,999.99 yuan on one row

std::string status_of(const store::NoticeRecord& n, std::int64_t now) {
  if (!n.times.published_at) return "draft";
  if (core::notice_expired(n.times, now)) return "expired";
  if (!core::notice_visible(n.times, now)) return "unpublished";
  return "published";
}

NoticeDetailView detail_of(const NoticeSummary& s, const core::NoticeContent& c) {
  NoticeDetailView d;
  d.summary = s;
  d.summary.title = c.title;
  d.body = c.body;
  d.rows = c.finance_rows;
  const core::FinanceTotals t = core::finance_totals(c.finance_rows);
  d.income_fen = t.income_fen;
  d.expense_fen = t.expense_fen;
  d.has_image = !c.image_path.empty();
  return d;
}

}  // namespace

NoticeFlow::NoticeFlow(ViewState& state, const Session& session, Navigator& nav, store::KioskStore& store,
                       NoticeService& service, platform::Clock& clock)
    : state_(state), session_(session), nav_(nav), store_(store), service_(service), clock_(clock) {
  register_back();
}

// What Back reloads or clears on the notice screens; where it leads is the navigation stack.
void NoticeFlow::register_back() {
  nav_.on(Screen::kNotices, {{}, {}, [this] {
            state_.notice.reset();
            reload_list();
          }});
  nav_.on(Screen::kStaffNotices, {{}, [this] { refresh_overdue(); }, [this] {
            state_.notice.reset();
            open_admin_list();
          }});
  nav_.on(Screen::kStaffNotice, {{}, {}, [this] {  // from the editor of this notice
            state_.notice.reset();
            load_detail(detail_id_, true, 0);
          }});
  nav_.on(Screen::kNoticeEditor, {{}, [this] { state_.notice.reset(); }, {}});
  nav_.on(Screen::kNoticeFinanceRow, {{}, [this] { state_.keypad = KeypadView{}; }, {}});
}

void NoticeFlow::reset() { detail_id_ = 0; }

NoticeSummary NoticeFlow::summarize(const store::NoticeRecord& n) const {
  const std::int64_t now = clock_.unix_seconds();
  NoticeSummary s;
  s.id = n.id;
  s.category = std::string(core::notice_category_name(n.category));
  s.township = n.source == core::kNoticeSourceTownship;
  s.title = n.content.title;
  s.pinned = n.pinned;
  s.published_at = n.times.published_at.value_or(0);
  s.status = status_of(n, now);
  s.period_start = n.content.period_start;
  s.period_end = n.content.period_end;
  s.end_date = n.content.end_date;
  if (n.category == core::NoticeCategory::kPublicity) {
    if (const auto p = core::publicity_status(n.content.period_start, n.content.period_end, core::date_of(now))) {
      using Phase = core::PublicityStatus::Phase;
      s.publicity_phase = p->phase == Phase::kRunning ? "running" : p->phase == Phase::kEnded ? "ended" : "not_started";
      s.days_left = p->days_left;
    }
  }
  s.version = n.version;
  s.comments = n.comments;
  s.open_comments = n.open_comments;
  return s;
}

void NoticeFlow::reload_list() {
  const bool staff = state_.screen == Screen::kStaffNotices;
  state_.notices.rows.clear();
  const std::string& f = state_.notices.filter;
  const auto records = staff ? store_.notices().list() : service_.visible();
  for (const auto& n : records) {
    const bool township = n.source == core::kNoticeSourceTownship;
    if (!f.empty() && !(f == "township" ? township : core::notice_category_name(n.category) == f)) continue;
    state_.notices.rows.push_back(summarize(n));
  }
}

void NoticeFlow::open_list() {
  // Back from the list: the resident home for an identified resident, else home.
  if (session_.resident_id)
    nav_.open_path({Screen::kResidentHome, Screen::kNotices});
  else
    nav_.open_path({Screen::kNotices});
  state_.error.reset();
  state_.notice.reset();
  state_.notices.page = 0;
  reload_list();
}

void NoticeFlow::open_admin_list() {
  nav_.open_path({Screen::kAdminHome, Screen::kStaffNotices});
  state_.error.reset();
  state_.notices.page = 0;
  reload_list();
}

void NoticeFlow::load_detail(std::int64_t id, bool staff, int version) {
  const auto n = store_.notices().find(id);
  if (!n || (!staff && !core::notice_visible(n->times, clock_.unix_seconds()))) {
    state_.error = core::Message("notice.err.not_found");
    return;
  }
  detail_id_ = id;
  const NoticeSummary s = summarize(*n);
  NoticeDetailView d = detail_of(s, n->content);
  if (staff) {
    const auto versions = store_.notices().versions(id);
    for (const auto& v : versions) {
      d.versions.push_back({v.version, v.edited_at, v.staff_name, v.content.title});
      if (version != 0 && v.version == version && version != n->version) {
        NoticeDetailView old = detail_of(s, v.content);
        d.body = old.body;
        d.rows = old.rows;
        d.income_fen = old.income_fen;
        d.expense_fen = old.expense_fen;
        d.summary.title = old.summary.title;
        d.shown_version = version;
      }
    }
    for (const auto& c : store_.notices().comments(id))
      d.comments.push_back({c.id, core::mask_name(c.resident_name), c.text, c.at, c.handled_at.has_value(), c.handled_by});
    // The ones still to handle first: the screen has room for a few.
    std::stable_sort(d.comments.begin(), d.comments.end(),
                     [](const NoticeCommentView& a, const NoticeCommentView& b) { return !a.handled && b.handled; });
  }
  state_.notices.detail = std::move(d);
}

void NoticeFlow::open_opinion() {
  // Also right after identification: then the resident's list sits on the resident home.
  nav_.open_path({Screen::kResidentHome, Screen::kNotices, Screen::kNoticePage, Screen::kNoticeOpinion});
  state_.notices.comment_text.clear();
  state_.error.reset();
}

void NoticeFlow::refresh_overdue() {
  state_.notices.overdue.clear();
  for (core::NoticeCategory c : service_.overdue_categories())
    state_.notices.overdue.emplace_back(core::notice_category_name(c));
}

AttractView NoticeFlow::attract_view() {
  AttractView a;
  for (const auto& n : service_.visible())
    if (n.pinned) a.notices.push_back(detail_of(summarize(n), n.content));
  return a;
}

void NoticeFlow::open_editor(std::int64_t notice_id) {
  NoticeEditorView e;
  if (notice_id != 0) {
    const auto n = store_.notices().find(notice_id);
    if (!n) return;
    e.notice_id = n->id;
    e.category = std::string(core::notice_category_name(n->category));
    e.content = n->content;
  }
  state_.notice_editor = std::move(e);
  nav_.open(Screen::kNoticeEditor);
  state_.error.reset();
  state_.notice.reset();
}

void NoticeFlow::set_period_days(int days) {
  // A 公示 runs from today for N days, today and the last day included.
  days = std::clamp(days, 1, 30);
  core::NoticeContent& c = state_.notice_editor.content;
  const core::Date today = service_.today();
  c.period_start = core::format_date(today);
  c.period_end = core::format_date(core::add_days(today, days - 1));
  c.end_date = core::format_date(core::add_days(today, days - 1 + 30));  // the result stays readable a month
}

void NoticeFlow::add_row() {
  NoticeEditorView& e = state_.notice_editor;
  const std::string& digits = state_.keypad.entry;
  if (e.row_item.empty()) {
    state_.error = core::Message("notice.err.row_item");
    return;
  }
  if (digits.empty() || std::all_of(digits.begin(), digits.end(), [](char c) { return c == '0'; })) {
    state_.error = core::Message("notice.err.row_amount");
    return;
  }
  std::int64_t fen = 0;  // the keypad's digits: at most kMaxAmountDigits of them
  std::from_chars(digits.data(), digits.data() + digits.size(), fen);
  e.content.finance_rows.push_back({e.row_item, fen, e.row_income, core::format_date(service_.today())});
  e.row_item.clear();
  state_.keypad = KeypadView{};
  nav_.open(Screen::kNoticeEditor);
  state_.error.reset();
}

void NoticeFlow::save(const Session& session) {
  if (!session.staff_id) return;
  const NoticeEditorView& e = state_.notice_editor;
  const auto category = core::notice_category_from_name(e.category);
  if (!category) return;
  std::int64_t id = e.notice_id;
  if (id == 0) {
    auto r = service_.create(*session.staff_id, *category, e.content);
    if (!r) {
      state_.error = r.error();
      return;
    }
    id = r.value();
    state_.notice = core::Message("notice.saved_new");
  } else {
    auto r = service_.edit(*session.staff_id, id, e.content);
    if (!r) {
      state_.error = r.error();
      return;
    }
    state_.notice = core::Message("notice.saved_version").arg("version", std::to_string(r.value()));
  }
  nav_.replace(Screen::kStaffNotice);  // Back from the saved notice: the list, not the editor
  load_detail(id, true, 0);
}

void NoticeFlow::staff_op(StaffOp op, const Session& session) {
  if (!session.staff_id || detail_id_ == 0) return;
  core::Status st = core::ok();
  std::string done;
  switch (op) {
    case StaffOp::kPublish:
      st = service_.publish(*session.staff_id, detail_id_);
      done = "notice.published";
      break;
    case StaffOp::kUnpublish:
      st = service_.unpublish(*session.staff_id, detail_id_);
      done = "notice.unpublished";
      break;
    case StaffOp::kPin: {
      const bool pin = !state_.notices.detail.summary.pinned;
      st = service_.set_pinned(*session.staff_id, detail_id_, pin);
      done = pin ? "notice.pinned" : "notice.unpinned";
    }
  }
  state_.error.reset();
  state_.notice.reset();
  if (!st)
    state_.error = st.error();
  else
    state_.notice = core::Message(done);
  load_detail(detail_id_, true, 0);
}

void NoticeFlow::send_comment(const Session& session) {
  if (!session.resident_id || detail_id_ == 0) return;
  auto r = service_.comment(*session.resident_id, detail_id_, state_.notices.comment_text);
  if (!r) {
    state_.error = r.error();
    return;
  }
  state_.notices.comment_text.clear();
  nav_.open(Screen::kNoticePage);
  state_.error.reset();
  state_.notice = core::Message("notice.comment_sent");
}

FlowResult NoticeFlow::handle(const NoticeAction& a) {
  return std::visit([&](const auto& x) { return on(x); }, a);
}

bool NoticeFlow::open_admin(const std::string& feature_key) {
  if (feature_key != "admin.notices" || !session_.staff_id) return false;
  state_.notices.filter.clear();
  open_admin_list();
  return true;
}

FlowResult NoticeFlow::on(const OpenNotices&) {
  open_list();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeFilter& a) {
  state_.notices.filter = a.filter;
  state_.notices.page = 0;
  reload_list();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const OpenNotice& a) {
  const bool admin_view = session_.staff_id && state_.screen == Screen::kStaffNotices;
  state_.error.reset();
  state_.notice.reset();
  load_detail(a.notice_id, admin_view, 0);
  if (!state_.error) nav_.open(admin_view ? Screen::kStaffNotice : Screen::kNoticePage);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticePage& a) {
  int& page = state_.screen == Screen::kNoticePage ? state_.notices.detail.page : state_.notices.page;
  page = std::max(0, page + (a.delta < 0 ? -1 : 1));
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeOpinion&) {
  if (state_.screen != Screen::kNoticePage || detail_id_ == 0) return FlowResult::kDone;
  state_.notice.reset();
  if (!session_.resident_id) return FlowResult::kIdentifyFirst;
  open_opinion();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeCommentText& a) {
  state_.notices.comment_text = a.text;
  state_.error.reset();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeSendComment&) {
  send_comment(session_);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeNew&) {
  if (session_.staff_id) open_editor(0);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeEdit&) {
  if (session_.staff_id && detail_id_ != 0) open_editor(detail_id_);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeSetCategory& a) {
  NoticeEditorView& e = state_.notice_editor;
  state_.error.reset();
  // A saved notice keeps its category: versions of one notice say the same kind of thing.
  if (e.notice_id == 0 && core::notice_category_from_name(a.category)) e.category = a.category;
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeSetTitle& a) {
  state_.notice_editor.content.title = a.title;
  state_.error.reset();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeSetBody& a) {
  state_.notice_editor.content.body = a.body;
  state_.error.reset();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticePeriodDays& a) {
  set_period_days(a.days);
  state_.error.reset();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeEndDays& a) {
  state_.notice_editor.content.end_date =
      a.days > 0 ? core::format_date(core::add_days(service_.today(), a.days)) : "";
  state_.error.reset();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeAddRow& a) {
  state_.notice_editor.row_income = a.income;
  state_.notice_editor.row_item.clear();
  state_.keypad = KeypadView{EntryStep::kAmountFen, "", kMaxAmountDigits, false, false, ""};
  nav_.open(Screen::kNoticeFinanceRow);
  state_.error.reset();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeRowItem& a) {
  state_.notice_editor.row_item = a.item;
  state_.error.reset();
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeRemoveRow& a) {
  auto& rows = state_.notice_editor.content.finance_rows;
  if (a.index < rows.size()) rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(a.index));
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeSave&) {
  save(session_);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticePublish&) {
  staff_op(StaffOp::kPublish, session_);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeUnpublish&) {
  staff_op(StaffOp::kUnpublish, session_);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticePin&) {
  staff_op(StaffOp::kPin, session_);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeShowVersion& a) {
  state_.notice.reset();
  if (session_.staff_id && detail_id_ != 0) load_detail(detail_id_, true, a.version);
  return FlowResult::kDone;
}

FlowResult NoticeFlow::on(const NoticeCommentHandled& a) {
  if (!session_.staff_id) return FlowResult::kDone;
  const auto st = service_.mark_comment_handled(*session_.staff_id, a.comment_id);
  state_.error.reset();
  state_.notice.reset();
  if (!st)
    state_.error = st.error();
  else
    state_.notice = core::Message("notice.comment_handled");
  load_detail(detail_id_, true, 0);
  return FlowResult::kDone;
}

bool NoticeFlow::on_submit() {
  if (state_.screen != Screen::kNoticeFinanceRow) return false;
  add_row();
  return true;
}

}  // namespace vsk::app
