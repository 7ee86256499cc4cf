#include "app/demo_notices.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/date.h"

namespace vsk::app {
namespace {

using core::Date;
using core::FinanceRow;
using core::NoticeCategory;
using core::NoticeContent;

std::int64_t unix_at(const Date& d, int hour) { return core::china_unix(d, hour); }

Date first_of_month(Date d, int months_back) {
  int m = d.month - months_back;
  int y = d.year;
  while (m < 1) {
    m += 12;
    --y;
  }
  return {y, m, 1};
}

std::string iso(const Date& d) { return core::format_date(d); }

// The month's accounts: a few regular lines plus one that varies by month.
std::vector<FinanceRow> month_rows(const Date& month, int salt) {
  auto day = [&](int d) { return iso({month.year, month.month, d}); };
  std::vector<FinanceRow> rows = {
      {"上级转移支付（村级运转经费）", 1'850'000, true, day(3)},
      {"集体鱼塘承包费", 620'000 + salt * 15'000, true, day(8)},
      {"村干部误工补贴", 960'000, false, day(10)},
      {"村委会办公用品", 43'580 + salt * 1'210, false, day(12)},
      {"路灯电费", 71'240 + salt * 3'330, false, day(15)},
  };
  const char* const extra[] = {"村道坑洼修补材料", "卫生保洁员工资", "文化广场音响维修"};
  rows.push_back({extra[salt % 3], 125'000 + salt * 27'500, false, day(20)});
  return rows;
}

// The demo notices, written in one transaction in a fixed order (their ids and numbers follow it).
class DemoNotices {
 public:
  DemoNotices(store::KioskStore& store, std::int64_t now_unix, db::Transaction& tx)
      : store(store),
        tx(tx),
        today(core::date_of(now_unix)),
        prefix(store.settings().get_or(store::setting::kKioskCode, "QS1")) {
    if (const auto admin = store.staff().find_by_staff_no("0001")) admin_id = admin->id;
    if (const auto clerk = store.staff().find_by_staff_no("0002")) clerk_id = clerk->id;
  }

  std::int64_t add(NoticeCategory c, NoticeContent content, int published_days_ago, bool pinned = false,
                   std::optional<std::int64_t> staff = std::nullopt, const std::string& source = "village",
                   const std::string& global_id = "") {
    store::NewNotice n;
    n.category = c;
    n.content = std::move(content);
    n.source = source;
    n.global_id = global_id;
    n.at = unix_at(core::add_days(today, -published_days_ago - 1), 16);
    n.staff_id = source == "village" ? (staff ? staff : clerk_id) : std::nullopt;
    const std::int64_t id = store.notices().insert(tx, n, prefix);
    if (published_days_ago >= 0)
      store.notices().set_published(tx, id, unix_at(core::add_days(today, -published_days_ago), 9));
    if (pinned) store.notices().set_pinned(tx, id, true);
    ++count;
    return id;
  }

  void finance() {
    // 财务公开: one table per month for the last three months, published early the next month.
    for (int back = 3; back >= 1; --back) {
      const Date month = first_of_month(today, back);
      const Date published = {first_of_month(today, back - 1).year, first_of_month(today, back - 1).month, 5};
      NoticeContent c;
      c.title = std::to_string(month.year) + "年" + std::to_string(month.month) + "月村级财务收支公开";
      c.body =
          "经村务监督委员会审核，现将本月村集体收支情况公布如下。如有疑问，请在公布之日起十日内向村务监督委员会反映。";
      c.finance_rows = month_rows(month, back);
      add(NoticeCategory::kFinance, c, std::max(0, static_cast<int>(core::to_days(today) - core::to_days(published))),
          back == 1, admin_id);
    }
  }

  void village() {
    // 村务公开, the newest pinned and edited once (the first wording gave the wrong dates).
    {
      NoticeContent c;
      c.title = "村道硬化工程施工期间交通安排";
      c.body =
          "为改善群众出行条件，村委会组织对东岭组至村部段村道进行硬化，施工期间该路段实行半幅通行。"
          "请过往车辆减速慢行，注意安全。给大家带来的不便，敬请谅解。";
      c.end_date = iso(core::add_days(today, 40));
      const std::int64_t id = add(NoticeCategory::kVillage, c, 3, true, clerk_id);
      c.body = "为改善群众出行条件，村委会组织对东岭组至村部段村道进行硬化，施工时间为" +
               iso(core::add_days(today, -3)) + "至" + iso(core::add_days(today, 27)) +
               "，施工期间该路段实行半幅通行，早7点至晚6点禁止大型车辆通行。请过往车辆减速慢行，注意安全。"
               "给大家带来的不便，敬请谅解。如有问题请联系村委会。";
      store.notices().add_version(tx, id, c, unix_at(core::add_days(today, -2), 10), clerk_id);
    }
    {
      NoticeContent c;
      c.title = "第三季度村务公开：重大事项和民生项目";
      c.body =
          "一、村“两委”第三季度共召开村民代表会议2次，审议通过村道硬化工程和公厕改造方案。\n"
          "二、本季度为12户村民办理了农村危房改造补助申请，为37名老人发放高龄津贴。\n"
          "三、村集体经济收入主要来源为鱼塘承包和厂房租赁，详见财务公开栏。\n"
          "四、本季度共受理村民办事申请86件，办结82件，其余4件正在办理。\n"
          "五、村务监督委员会对本季度各项收支进行了审核，未发现问题。\n"
          "六、为困难家庭发放慰问金和慰问品，共计1.2万元，名单已在公示栏公布。\n"
          "七、对村民反映的路灯不亮问题，已更换灯具15盏。\n"
          "八、下季度计划完成村文化广场照明改造，组织冬季消防演练一次。";
      add(NoticeCategory::kVillage, c, 40);
    }
  }

  void party() {
    // 党务公开: the newest is over three months old, so the admin home flags it as overdue.
    {
      NoticeContent c;
      c.title = "关于开展2026年度党员民主评议的通知";
      c.body =
          "根据镇党委部署，村党支部将开展年度党员民主评议工作。请全体党员按时参加支部大会，"
          "对照党员标准进行自我评价，开展批评与自我批评。因病或外出不能参加的，请提前向支部书记请假。";
      add(NoticeCategory::kParty, c, 100, false, admin_id);
      c.title = "第二季度党费收缴情况公开";
      c.body = "村党支部现有党员46名，第二季度应缴党费3,960元，实缴3,960元，已全部上缴镇党委。";
      add(NoticeCategory::kParty, c, 130, false, admin_id);
    }
  }

  void policy() {
    // 政策宣传
    {
      NoticeContent c;
      c.title = "2027年度城乡居民医保开始缴费";
      c.body =
          "2027年度城乡居民基本医疗保险集中缴费期为即日起至12月31日，个人缴费标准为每人每年400元。"
          "可通过手机支付或到村便民服务站代缴。困难群众的个人缴费按规定给予资助。"
          "请大家及时缴费，以免影响明年看病报销。";
      add(NoticeCategory::kPolicy, c, 6, true);
      c.title = "秋冬季森林防火安全提示";
      c.body = "进入秋冬季，天干物燥。严禁在山林中烧荒、烧纸、燃放烟花爆竹。发现火情请立即拨打119并报告村委会。";
      c.end_date = iso(core::add_days(today, 90));
      add(NoticeCategory::kPolicy, c, 20);
    }
  }

  std::int64_t publicity() {
    std::int64_t running = 0;
    // 公示: one running (days left), one ended but still shown, one expired (hidden from residents).
    {
      NoticeContent c;
      c.title = "2026年度低保对象评议结果公示";
      c.body =
          "经本人申请、入户调查和村民代表评议，拟将以下3户纳入最低生活保障：第二网格李某某户、"
          "第三网格张某某户、第五网格王某某户。公示期内如有异议，请向村委会或镇民政办反映。";
      c.period_start = iso(core::add_days(today, -2));
      c.period_end = iso(core::add_days(today, 4));
      c.end_date = iso(core::add_days(today, 30));
      running = add(NoticeCategory::kPublicity, c, 2, false, admin_id);
    }
    {
      NoticeContent c;
      c.title = "村集体厂房出租结果公示";
      c.body = "村集体闲置厂房经公开竞价，由本村某农产品合作社以每年4.8万元租用，租期三年。";
      c.period_start = iso(core::add_days(today, -15));
      c.period_end = iso(core::add_days(today, -9));
      c.end_date = iso(core::add_days(today, 20));
      add(NoticeCategory::kPublicity, c, 15);
    }
    {
      NoticeContent c;
      c.title = "国庆节假期值班安排";
      c.body = "国庆假期期间村委会每天安排两人值班，值班电话见村部公告栏。";
      c.end_date = iso(core::add_days(today, -40));
      add(NoticeCategory::kVillage, c, 55);
    }
    return running;
  }

  void township_and_draft() {
    // From the township, as sync would have delivered it.
    {
      NoticeContent c;
      c.title = "镇人民政府关于做好2026年冬季征兵工作的通知";
      c.body =
          "2026年冬季征兵报名工作已经开始。年满18至22周岁的男性青年（大学生可放宽至24周岁）均可报名。"
          "有意者请到村委会登记，或登录全国征兵网报名。";
      add(NoticeCategory::kPolicy, c, 8, false, std::nullopt, "township", "TOWNSHIP-2026-118");
    }
    // A draft staff have not published yet.
    {
      NoticeContent c;
      c.title = "关于召开村民代表会议的通知（草稿）";
      c.body = "定于下周三上午9点在村部会议室召开村民代表会议，审议村文化广场照明改造方案。";
      add(NoticeCategory::kVillage, c, -1);
    }
  }

  void opinions(std::int64_t running) {
    std::vector<std::int64_t> residents;
    for (const auto& r : store.residents().keys()) {
      if (residents.size() == 3) break;
      residents.push_back(r.id);
    }
    // Residents' opinions on the running 公示: one already handled.
    if (residents.size() >= 2) {
      const std::int64_t c1 = store.notices().add_comment(tx, running, residents[0], "建议公示具体评议票数",
                                                          unix_at(core::add_days(today, -1), 11));
      store.notices().add_comment(tx, running, residents[1], "对评议结果有疑问，希望村里解释一下", unix_at(today, 8));
      if (admin_id) store.notices().mark_comment_handled(tx, c1, *admin_id, unix_at(today, 9));
    }
  }

  store::KioskStore& store;
  db::Transaction& tx;
  const Date today;
  const std::string prefix;
  std::optional<std::int64_t> admin_id, clerk_id;
  int count = 0;
};

}  // namespace

int seed_demo_notices(store::KioskStore& store, std::int64_t now_unix) {
  auto tx = store.begin();
  DemoNotices demo(store, now_unix, tx);
  demo.finance();
  demo.village();
  demo.party();
  demo.policy();
  const std::int64_t running = demo.publicity();
  demo.township_and_draft();
  demo.opinions(running);
  tx.commit();
  return demo.count;
}

}  // namespace vsk::app
