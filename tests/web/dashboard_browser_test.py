#!/usr/bin/python3
"""The township web dashboard in a real headless Chromium (Debian's chromium + chromedriver,
python3-selenium), against a real township-server on 127.0.0.1 with the synced demo village.

  dashboard_browser_test.py TOWNSHIP_SERVER KIOSKCTL WORK_DIR SHOTS_DIR

Screenshots go to SHOTS_DIR/web_*.png. Run by ctest (label web); /usr/bin/python3 because
Debian's Python modules are installed for it.
"""
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

import openpyxl
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import WebDriverException


def page_left(old):
    """True once the element belongs to a page the browser has left. Chromium 156 sometimes
    answers a look-up of a node from the previous document with a generic inspector error
    ("Node with given id does not belong to the document") instead of a stale reference,
    which expected_conditions.staleness_of lets through as a failure."""
    try:
        old.is_enabled()
        return False
    except WebDriverException:
        return True

TOWN, KIOSKCTL, WORK, SHOTS = sys.argv[1:5]
del sys.argv[1:5]


def run(*args, check=True):
    r = subprocess.run(list(args), capture_output=True, text=True, timeout=120)
    if check and r.returncode != 0:
        raise AssertionError(f"{args} failed ({r.returncode}): {r.stdout} {r.stderr}")
    return r


def town(*args, check=True):
    return run(TOWN, "--data-dir", f"{WORK}/town", *args, check=check)


def ctl(*args, check=True):
    return run(KIOSKCTL, "--data-dir", f"{WORK}/kiosk", *args, check=check)


def password_of(output):
    return re.search(r"\): (\S+)$", output.strip()).group(1)


class Env:
    """One township with the demo village synced, users of every role, one browser."""

    def __init__(self):
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(WORK)
        os.makedirs(SHOTS, exist_ok=True)
        ctl("seed")
        code = town("enroll", "--village", "青山村").stdout.strip()
        self.out = open(f"{WORK}/town.out", "w")
        self.log = open(f"{WORK}/town.log", "w")
        self.server = subprocess.Popen([TOWN, "--data-dir", f"{WORK}/town", "--listen", "127.0.0.1:0"],
                                       stdout=self.out, stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            with open(f"{WORK}/town.out") as f:
                text = f.read()
            if "listening" in text:
                self.base = "http://" + text.split("listening ")[1].split()[0]
                break
            time.sleep(0.1)
        else:
            raise AssertionError("township-server did not start")
        ctl("enroll", "--server", self.base, "--code", code)
        ctl("sync")
        self.passwords = {}
        for login, role, extra in [("admin", "admin", []), ("clerk", "clerk", ["--name", "李秀兰"]),
                                   ("minzheng", "department", ["--department", "镇民政办"]),
                                   ("other", "department", ["--department", "镇城建办"]),
                                   ("inspector", "inspector", []), ("victim", "clerk", [])]:
            self.passwords[login] = password_of(town("user", "add", login, "--role", role, *extra).stdout)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1366,768", "--lang=zh-CN", "--no-first-run"]:
            options.add_argument(arg)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)

    def close(self):
        self.driver.quit()
        self.server.terminate()
        self.server.wait(timeout=10)
        self.out.close()
        self.log.close()

    def open(self, path):
        self.driver.get(self.base + path)

    def login(self, login, password=None):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.driver.find_element(By.ID, "login").send_keys(login)
        self.driver.find_element(By.ID, "password").send_keys(password or self.passwords[login])
        self.submit(self.driver.find_element(By.ID, "login-submit"))

    def submit(self, button):
        """Clicks a submit button and waits for the next page (a click does not wait)."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(self.driver, 20).until(lambda _: page_left(old))

    def shot(self, name):
        # The whole page, not only the window: make the window as tall as the document.
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        width = self.driver.get_window_size()["width"]
        self.driver.set_window_size(width, max(768 if width > 500 else 740, min(height + 120, 4000)))
        path = f"{SHOTS}/web_{name}.png"
        self.driver.save_screenshot(path)
        return path

    def get_raw(self, path):
        """A download with this browser's session (what the export link gives)."""
        cookie = self.driver.get_cookie("vsk_session")
        req = urllib.request.Request(self.base + path, headers={"Cookie": f"vsk_session={cookie['value']}"})
        with urllib.request.urlopen(req) as r:
            return r.headers, r.read()

    def post_raw(self, path, fields):
        """A POST as a forged page would send it: the session cookie, no CSRF token."""
        cookie = self.driver.get_cookie("vsk_session")
        req = urllib.request.Request(self.base + path, data=urllib.parse.urlencode(fields).encode(),
                                     headers={"Cookie": f"vsk_session={cookie['value']}"})
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()


ENV = None


def setUpModule():
    global ENV
    ENV = Env()


def tearDownModule():
    ENV.close()


class Dashboard(unittest.TestCase):
    def body(self):
        return ENV.driver.find_element(By.TAG_NAME, "body").text

    def test_01_login_page_and_overview(self):
        ENV.driver.set_window_size(1366, 768)
        ENV.driver.delete_all_cookies()
        ENV.open("/")
        self.assertTrue(ENV.driver.current_url.endswith("/login"))
        self.assertIn("工作人员登录", self.body())
        ENV.shot("login")
        ENV.login("clerk")
        self.assertIn("各村总览", self.body())
        row = ENV.driver.find_element(By.CSS_SELECTOR, "#overview tbody tr")
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        self.assertEqual(cells[0], "青山村")
        self.assertEqual(cells[1], "1")                 # one kiosk
        self.assertGreater(int(cells[2]), 0)            # open requests
        self.assertGreater(int(cells[3]), 0)            # overdue (the demo has some)
        self.assertGreater(int(cells[4]), 0)            # escalations waiting
        self.assertGreater(int(cells[5]), 0)            # 差评 (one rated 2)
        # The demo's notices were put straight into the kiosk's database, never published on
        # it, so the township has heard of none: every category with a cadence is overdue.
        self.assertIn("村务公开逾期：财务公开、村务公开、党务公开", cells[-1])
        self.assertIn("李秀兰", self.body())
        cookie = ENV.driver.get_cookie("vsk_session")
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")
        self.assertIn("expiry", cookie)
        ENV.shot("overview")

    def test_02_answer_an_escalation_and_the_kiosk_gets_it(self):
        ENV.login("clerk")
        ENV.open("/escalations")
        articles = ENV.driver.find_elements(By.CSS_SELECTOR, "article.escalation")
        self.assertGreater(len(articles), 0)
        ENV.shot("escalations")
        first = articles[0]
        number = first.get_attribute("id")[len("esc-"):]
        first.find_element(By.TAG_NAME, "textarea").send_keys("镇民政办已受理，三个工作日内上门核实。")
        ENV.submit(first.find_element(By.CSS_SELECTOR, "form.reply button"))
        self.assertIn("答复已发送", self.body())
        self.assertNotIn(f"esc-{number}", ENV.driver.page_source)
        ENV.shot("escalation_replied")
        ctl("sync")
        shown = json.loads(ctl("requests", "show", number, "--json").stdout)
        self.assertIn("镇民政办已受理，三个工作日内上门核实。", json.dumps(shown, ensure_ascii=False))

    def test_03_department_sees_only_its_own(self):
        ENV.login("other")
        self.assertTrue(ENV.driver.current_url.endswith("/escalations"))  # no overview for a department
        self.assertNotIn("镇民政办", self.body())
        self.assertEqual(ENV.driver.find_elements(By.CSS_SELECTOR, "article.escalation"), [])
        ENV.open("/")
        self.assertTrue(ENV.driver.current_url.endswith("/escalations"))
        ENV.open("/audit")
        self.assertIn("无权", self.body())
        ENV.login("minzheng")
        departments = {e.text for e in ENV.driver.find_elements(By.CSS_SELECTOR, "dd.department")}
        self.assertEqual(departments, {"镇民政办"})
        ENV.shot("department")

    def test_04_post_without_csrf_token_is_refused(self):
        ENV.login("clerk")
        ENV.open("/escalations")
        article = ENV.driver.find_elements(By.CSS_SELECTOR, "article.escalation")[0]
        number = article.get_attribute("id")[len("esc-"):]
        status, page = ENV.post_raw("/escalations/reply", {"village": "青山村", "number": number, "text": "伪造"})
        self.assertEqual(status, 403)
        self.assertIn("操作未执行", page)
        ENV.open("/escalations")
        self.assertIn(f"esc-{number}", ENV.driver.page_source)  # nothing was answered

    def test_05_lockout_after_five_wrong_passwords(self):
        for i in range(5):
            ENV.login("victim", "wrong-password")
        self.assertIn("账户已锁定", self.body())
        ENV.shot("locked")
        ENV.login("victim")
        self.assertIn("账户已锁定", self.body())
        self.assertIsNone(ENV.driver.get_cookie("vsk_session"))
        town("user", "reset-password", "victim")

    def test_06_admin_sees_the_audit_chain(self):
        ENV.login("admin")
        ENV.open("/audit")
        self.assertIn("哈希链完整", self.body())
        self.assertIn("login.locked", self.body())
        self.assertIn("reply", self.body())
        ENV.shot("audit")
        self.assertIn("audit chain ok", town("audit", "verify").stdout)

    def test_06b_ratings_and_users(self):
        ENV.login("clerk")
        ENV.open("/ratings")
        self.assertIn("好差评", self.body())
        total = [c.text for c in ENV.driver.find_elements(By.CSS_SELECTOR, "#ratings tfoot th")]
        self.assertGreater(int(total[-3]), 0)  # rated
        self.assertGreater(len(ENV.driver.find_elements(By.CSS_SELECTOR, "#bad-ratings tbody tr")), 0)  # the demo's 差评
        self.assertIn("待回访", ENV.driver.find_element(By.ID, "bad-ratings").text)
        ENV.shot("ratings")
        ENV.open("/users")
        self.assertIn("无权", self.body())  # a clerk manages no accounts
        ENV.login("admin")
        ENV.open("/users")
        self.assertIn("李秀兰", ENV.driver.find_element(By.ID, "users").text)
        ENV.driver.find_element(By.ID, "new-login").send_keys("zhangwei")
        ENV.driver.find_element(By.ID, "new-name").send_keys("张伟")
        ENV.submit(ENV.driver.find_element(By.ID, "user-add-submit"))
        password = ENV.driver.find_element(By.ID, "new-password").text
        self.assertEqual(len(password), 12)
        ENV.shot("user_password")
        ENV.open("/users")
        ENV.shot("users")
        ENV.login("zhangwei", password)
        ENV.open("/password")
        # (Under 10 characters the browser itself keeps the form: minlength.)
        for field, value in [("old-password", password), ("new-password", "青山绿水就是金山银山"),
                             ("new-password2", "青山绿水就是金山银子")]:
            ENV.driver.find_element(By.ID, field).send_keys(value)
        ENV.submit(ENV.driver.find_element(By.ID, "password-submit"))
        self.assertIn("两次输入的新密码不一致", self.body())
        ENV.shot("password_mismatch")
        for field, value in [("old-password", password), ("new-password", "青山绿水就是金山银山"),
                             ("new-password2", "青山绿水就是金山银山")]:
            ENV.driver.find_element(By.ID, field).send_keys(value)
        ENV.submit(ENV.driver.find_element(By.ID, "password-submit"))
        self.assertIn("密码已修改", self.body())
        ENV.login("zhangwei", "青山绿水就是金山银山")
        self.assertIn("张伟", self.body())

    def test_07_english_and_a_phone(self):
        ENV.login("clerk")
        ENV.open("/?lang=en")
        self.assertIn("Villages at a glance", self.body())
        ENV.shot("overview_en")
        ENV.open("/?lang=zh-CN")
        ENV.driver.set_window_size(390, 740)
        ENV.open("/escalations")
        width = ENV.driver.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(width, 400)  # no sideways scrolling on a phone
        ENV.shot("escalations_phone")
        ENV.driver.set_window_size(1366, 768)

    def test_08_logout_ends_the_session(self):
        ENV.login("clerk")
        cookie = ENV.driver.get_cookie("vsk_session")
        ENV.submit(ENV.driver.find_element(By.ID, "logout"))
        self.assertIn("工作人员登录", self.body())
        ENV.driver.add_cookie({"name": "vsk_session", "value": cookie["value"], "path": "/"})
        ENV.open("/")
        self.assertTrue(ENV.driver.current_url.endswith("/login"))

    def test_08b_kiosk_health_and_alerts(self):
        # The running kiosk records its printer's state in DATA_DIR/run/kiosk.json; its next
        # sync round carries it to the township in the heartbeat.
        runtime = {"started_at": int(time.time()) - 3600, "screen": "1280x800", "printer": "paper_out",
                   "reader": "ready", "clean": False}
        os.makedirs(f"{WORK}/kiosk/run", exist_ok=True)
        with open(f"{WORK}/kiosk/run/kiosk.json", "w") as f:
            json.dump(runtime, f)
        ctl("sync")
        ENV.login("clerk")
        ENV.open("/kiosks")
        alerts = ENV.driver.find_element(By.ID, "kiosk-alerts").text
        self.assertIn("青山村", alerts)
        self.assertIn("打印机缺纸", alerts)
        row = ENV.driver.find_element(By.CSS_SELECTOR, "#kiosks tbody tr").text
        self.assertIn("缺纸", row)
        self.assertIn("读卡器: 正常", row)
        self.assertRegex(row, r"磁盘剩余 \d+(\.\d)? [GM]B")
        ENV.shot("kiosks_health")
        self.assertIn("paper_out", town("stats", "--json").stdout)
        # Paper loaded: the next round clears the alert.
        runtime["printer"] = "ready"
        with open(f"{WORK}/kiosk/run/kiosk.json", "w") as f:
            json.dump(runtime, f)
        ctl("sync")
        ENV.open("/kiosks")
        self.assertEqual(ENV.driver.find_elements(By.ID, "kiosk-alerts"), [])

    def test_08d_usb_exchange_on_the_kiosks_page(self):
        # The village's kiosk takes a bundle to the township on a stick (issue 19); 终端状态
        # shows the exchange, and the reply goes back (before test_09 revokes the kiosk).
        ctl("export-bundle", f"{WORK}/to-township.vsk")
        out = town("import-bundle", f"{WORK}/to-township.vsk", "--reply", f"{WORK}/reply.vsk").stdout
        carried = re.search(r": (\d+) operations, (\d+) changes in the reply", out)
        self.assertIsNotNone(carried, out)
        ENV.login("clerk")
        ENV.open("/kiosks")
        row = ENV.driver.find_element(By.CSS_SELECTOR, "#kiosks tbody tr").text
        self.assertIn("最近U盘交换", row)
        self.assertIn(f"带来 {carried.group(1)} 条记录 · 带回 {carried.group(2)} 项更新 · 共 1 次", row)
        ENV.shot("kiosks_usb")
        ctl("import-bundle", f"{WORK}/reply.vsk")
        # The same from the browser: a file that is not a kiosk's is refused with the reason,
        # then the kiosk's next bundle goes in and its reply comes down as QS1-from-township.vsk.
        with open(f"{WORK}/photo.jpg", "wb") as f:
            f.write(b"not a bundle")
        ENV.driver.find_element(By.ID, "usb-file").send_keys(f"{WORK}/photo.jpg")
        ENV.submit(ENV.driver.find_element(By.ID, "usb-submit"))
        self.assertIn("未导入：这不是终端导出的U盘文件", self.body())
        ENV.shot("kiosks_usb_refused")
        downloads = f"{WORK}/downloads"
        os.makedirs(downloads, exist_ok=True)
        ENV.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        ctl("export-bundle", f"{WORK}/QS1-to-township.vsk")
        ENV.driver.find_element(By.ID, "usb-file").send_keys(f"{WORK}/QS1-to-township.vsk")
        ENV.driver.find_element(By.ID, "usb-submit").click()
        reply = f"{downloads}/QS1-from-township.vsk"
        WebDriverWait(ENV.driver, 20).until(lambda _: os.path.exists(reply))
        ctl("import-bundle", reply)  # the kiosk takes it (exit 0)
        ENV.open("/kiosks")
        self.assertIn("共 2 次", ENV.driver.find_element(By.CSS_SELECTOR, "#kiosks tbody tr").text)
        ENV.shot("kiosks_usb_upload")

    def test_08c_a_receipts_qr_opens_its_status_page_on_a_phone(self):
        town("status-page-base", "set", ENV.base + "/")
        self.assertNotEqual(town("status-page-base", "set", "javascript:alert(1)", check=False).returncode, 0)
        ctl("sync")  # the base reaches the kiosk
        numbers = [r["number"] for r in json.loads(ctl("requests", "list", "--json").stdout)]
        qr = json.loads(ctl("requests", "show", numbers[0], "--json").stdout)["receipt_qr"]
        self.assertTrue(qr.startswith(f"{ENV.base}/r/{numbers[0]}?t="), qr)
        ENV.driver.delete_all_cookies()  # a resident's phone: no staff session
        ENV.driver.set_window_size(390, 740)
        ENV.driver.get(qr)
        text = self.body()
        self.assertIn(numbers[0], text)
        self.assertIn("数据更新于", text)
        self.assertTrue(any(s in text for s in ["已提交", "已受理", "办理中", "待补材料", "已上报乡镇", "已办结", "退回"]))
        width = ENV.driver.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(width, 400)
        ENV.shot("status_phone")
        ENV.driver.get(qr[:-1] + ("A" if qr[-1] != "A" else "B"))  # one character off
        self.assertIn("没有找到这张回执", self.body())
        ENV.driver.set_window_size(1366, 768)


    def test_08e_township_notices_count_for_the_cadence(self):
        ENV.login("clerk")
        # A party notice from the township to every village counts for the cadence, as on the
        # kiosk (before test_09 revokes the village's kiosk: a village without one has no cadence).
        ENV.open("/notices")
        ENV.driver.find_element(By.CSS_SELECTOR, '#notice-category option[value="party"]').click()
        ENV.driver.find_element(By.ID, "notice-title").send_keys("乡镇党委学习通知")
        ENV.driver.find_element(By.ID, "notice-body").send_keys("周五下午集中学习。")
        ENV.submit(ENV.driver.find_element(By.ID, "notice-submit"))
        ENV.open("/")
        cells = [c.text for c in ENV.driver.find_elements(By.CSS_SELECTOR, "#overview tbody tr")[0]
                 .find_elements(By.TAG_NAME, "td")]
        self.assertEqual(cells[0], "青山村")
        self.assertIn("村务公开逾期：财务公开、村务公开", cells[-1])
        self.assertNotIn("党务公开", cells[-1])
        ENV.shot("overview_cadence")

    def test_09_kiosks_enroll_resync_revoke(self):
        ENV.login("clerk")
        ENV.open("/kiosks")
        self.assertIn("青山村", self.body())
        self.assertEqual(ENV.driver.find_elements(By.ID, "enroll-submit"), [])  # a clerk does not manage kiosks
        ENV.login("admin")
        ENV.open("/kiosks")
        ENV.shot("kiosks")
        ENV.driver.find_element(By.ID, "enroll-village").send_keys("绿水村")
        ENV.submit(ENV.driver.find_element(By.ID, "enroll-submit"))
        code = ENV.driver.find_element(By.ID, "enroll-code").text
        self.assertEqual(len(code), 12)
        ENV.shot("enroll_code")
        ENV.open("/kiosks")
        links = ENV.driver.find_elements(By.CSS_SELECTOR, "#kiosks a.button-link")
        resync = [a for a in links if "action=resync" in a.get_attribute("href")][0]
        ENV.submit(resync)
        self.assertIn("重新下载哪一类数据", self.body())
        ENV.shot("kiosk_confirm")
        ENV.submit(ENV.driver.find_element(By.ID, "confirm"))
        self.assertIn("已安排重新下载", self.body())
        ctl("sync")  # the kiosk carries the order out
        ENV.open("/kiosks")
        revoke = [a for a in ENV.driver.find_elements(By.CSS_SELECTOR, "#kiosks a.button-link")
                  if "action=revoke" in a.get_attribute("href")][0]
        ENV.submit(revoke)
        ENV.submit(ENV.driver.find_element(By.ID, "confirm"))
        self.assertIn("终端已吊销", self.body())
        self.assertIn("已吊销", ENV.driver.find_element(By.ID, "kiosks").text)
        self.assertNotEqual(ctl("sync", check=False).returncode, 0)  # a revoked kiosk cannot sync

    def test_10_statistics_chart_and_exports(self):
        ENV.login("clerk")
        ENV.open("/stats")
        rows = ENV.driver.find_elements(By.CSS_SELECTOR, "#stats tbody tr")
        self.assertGreater(len(rows), 3)
        self.assertTrue(ENV.driver.execute_script("return typeof window.Chart === 'function'"))  # served by us
        total = [c.text for c in ENV.driver.find_elements(By.CSS_SELECTOR, "#stats tfoot th")]
        received = int(total[1])
        self.assertGreaterEqual(received, 40)
        ENV.shot("stats")
        href = ENV.driver.find_element(By.ID, "export-xlsx").get_attribute("href")
        headers, body = ENV.get_raw(href[len(ENV.base):])
        self.assertIn("spreadsheetml", headers["Content-Type"])
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertEqual(values[0][0], "村")
        self.assertEqual(values[-1][0], "合计")
        self.assertEqual(values[-1][3], received)
        self.assertEqual(len(values), len(rows) + 2)
        headers, body = ENV.get_raw(ENV.driver.find_element(By.ID, "export-csv").get_attribute("href")[len(ENV.base):])
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        lines = body.decode("utf-8-sig").splitlines()
        self.assertTrue(lines[0].startswith("村,事项,月份,受理数"))
        self.assertEqual(len(lines), len(rows) + 2)
        # Grouped by month only: one row per month, the same total.
        ENV.open("/stats?grouped=1&by_month=1")
        self.assertEqual([c.text for c in ENV.driver.find_elements(By.CSS_SELECTOR, "#stats tfoot th")][1], str(received))

    def phone_fits(self, path, name):
        """At phone width the page needs no sideways scrolling; screenshot NAME."""
        ENV.driver.set_window_size(390, 740)
        ENV.open(path)
        width = ENV.driver.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(width, 400, path)
        ENV.shot(name)
        ENV.driver.set_window_size(1366, 768)

    def test_11_documents_refused_then_published(self):
        ENV.driver.set_window_size(1366, 768)
        ENV.login("clerk")
        ENV.open("/documents")
        self.assertIn("无权", self.body())  # admin only
        self.assertEqual(ENV.driver.find_elements(By.CSS_SELECTOR, 'nav a[href="/documents"]'), [])
        ENV.login("admin")
        ENV.open("/documents")
        self.assertIn("尚未发布过文档", self.body())
        catalog_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../assets/catalog/services.json")
        with open(catalog_path, encoding="utf-8") as f:
            catalog = json.load(f)
        broken = dict(catalog, services=[{k: v for k, v in catalog["services"][0].items() if k != "id"}])
        with open(f"{WORK}/broken.json", "w", encoding="utf-8") as f:
            json.dump(broken, f, ensure_ascii=False)
        ENV.driver.find_element(By.ID, "doc-file").send_keys(f"{WORK}/broken.json")
        ENV.submit(ENV.driver.find_element(By.ID, "doc-submit"))
        self.assertIn("未发布：文件内容未通过检查", self.body())
        self.assertIn("尚未发布过文档", self.body())
        ENV.shot("documents_refused")
        ENV.driver.find_element(By.ID, "doc-file").send_keys(os.path.abspath(catalog_path))
        ENV.submit(ENV.driver.find_element(By.ID, "doc-submit"))
        self.assertIn("已发布：版本", self.body())
        versions = ENV.driver.find_element(By.ID, "versions").text
        self.assertIn("服务目录", versions)
        self.assertIn("admin", versions)
        self.assertIn(f"{len(json.dumps(catalog, ensure_ascii=False, separators=(',', ':')).encode())} 字节", versions)
        ENV.shot("documents")
        self.phone_fits("/documents", "documents_phone")
        ENV.open("/audit")
        self.assertIn("document.publish", self.body())
        self.assertIn("document.refused", self.body())

    def test_12_notices_publish_and_withdraw(self):
        ENV.login("clerk")
        ENV.open("/notices")
        self.assertIn("乡镇党委学习通知", self.body())  # test_08e's
        ENV.driver.find_element(By.ID, "notice-title").send_keys("冬季森林防火通知")
        ENV.driver.find_element(By.ID, "notice-body").send_keys("进入冬季，严禁野外用火。\n发现火情请拨打 12119。")
        ENV.submit(ENV.driver.find_element(By.ID, "notice-submit"))
        self.assertIn("公告已发布", self.body())
        ENV.driver.find_element(By.ID, "notice-title").send_keys("青山村停水通知")
        ENV.driver.find_element(By.ID, "notice-body").send_keys("12月5日 8:00-12:00 检修水管。")
        ENV.driver.find_element(By.CSS_SELECTOR, '#notice-village option[value="青山村"]').click()
        ENV.submit(ENV.driver.find_element(By.ID, "notice-submit"))
        items = ENV.driver.find_elements(By.CSS_SELECTOR, "article.notice-item")
        self.assertEqual(len(items), 3)
        self.assertIn("青山村停水通知", items[0].text)
        self.assertIn("本乡镇所有村", items[1].text)
        ENV.shot("notices")
        # A publicity notice without its period: refused in words, the text typed stays.
        ENV.driver.find_element(By.CSS_SELECTOR, '#notice-category option[value="publicity"]').click()
        ENV.driver.find_element(By.ID, "notice-title").send_keys("低保名单公示")
        ENV.driver.find_element(By.ID, "notice-body").send_keys("名单见村务公开栏。")
        ENV.submit(ENV.driver.find_element(By.ID, "notice-submit"))
        self.assertIn("公示类公告需要填写公示开始和结束日期", self.body())
        self.assertEqual(ENV.driver.find_element(By.ID, "notice-title").get_attribute("value"), "低保名单公示")
        ENV.shot("notices_refused")
        ENV.open("/notices")
        ENV.submit(ENV.driver.find_elements(By.CSS_SELECTOR, "article.notice-item form button")[0])
        self.assertIn("公告已撤回", self.body())
        self.assertEqual(len(ENV.driver.find_elements(By.CSS_SELECTOR, "article.notice-item.withdrawn")), 1)
        self.phone_fits("/notices", "notices_phone")
        ENV.open("/notices?lang=en")
        self.assertIn("every village of the township", self.body())
        ENV.shot("notices_en")
        ENV.open("/notices?lang=zh-CN")
        ENV.login("inspector")
        ENV.open("/notices")
        self.assertIn("冬季森林防火通知", self.body())
        self.assertEqual(ENV.driver.find_elements(By.ID, "notice-publish"), [])

    def test_13_points_entry(self):
        ENV.login("clerk")
        ENV.open("/points")
        self.assertIn("乡镇尚未录入积分", self.body())
        ENV.driver.find_element(By.ID, "points-household").send_keys("3")
        ENV.driver.find_element(By.ID, "points-delta").send_keys("-5")
        ENV.driver.find_element(By.ID, "points-reason").send_keys("野外焚烧秸秆")
        ENV.submit(ENV.driver.find_element(By.ID, "points-submit"))
        self.assertIn("积分已录入", self.body())
        row = ENV.driver.find_element(By.CSS_SELECTOR, "#points tbody tr").text
        self.assertIn("-5", row)
        self.assertIn("野外焚烧秸秆", row)
        self.assertIn("clerk", row)
        ENV.shot("points")
        ENV.driver.find_element(By.ID, "points-household").send_keys("3")
        ENV.driver.find_element(By.ID, "points-delta").send_keys("5000")
        ENV.submit(ENV.driver.find_element(By.ID, "points-submit"))
        self.assertIn("分值超出范围", self.body())
        self.phone_fits("/points", "points_phone")

    def test_14_escalation_timeline(self):
        ENV.login("clerk")
        ENV.open("/escalations")
        link = ENV.driver.find_elements(By.CSS_SELECTOR, "article.escalation a.button-link")[0]
        ENV.submit(link)
        steps = ENV.driver.find_elements(By.CSS_SELECTOR, "#timeline li")
        self.assertGreaterEqual(len(steps), 2)
        self.assertIn("村里受理", steps[0].text)
        self.assertIn("上报乡镇", self.body())
        ENV.driver.find_element(By.ID, "reply-text").send_keys("已转镇民政办，请村里先收集材料。")
        ENV.submit(ENV.driver.find_element(By.CSS_SELECTOR, "form.reply button"))
        self.assertIn("答复已发送", self.body())
        ENV.driver.back()
        ENV.driver.refresh()
        self.assertIn("乡镇答复", self.body())
        self.assertIn("已转镇民政办，请村里先收集材料。", self.body())
        ENV.shot("escalation_timeline")
        self.phone_fits(ENV.driver.current_url[len(ENV.base):], "escalation_timeline_phone")


if __name__ == "__main__":
    unittest.main(verbosity=2)
