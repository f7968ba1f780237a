"""The dashboard in a real browser (headless Chromium) against `outbound serve --demo` (scripts/browser-tests.sh)."""
import os
import tempfile
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from dashboard_browser import BASE_URL, browser, screenshot, sign_in, wait_for


class DashboardTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        sign_in(cls.driver)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def open(self, path):
        self.driver.get(BASE_URL + path)

    def test_01_signed_out_pages_redirect_to_sign_in(self):
        other = browser()
        try:
            other.get(BASE_URL + "/campaigns")
            self.assertTrue(other.current_url.rstrip("/") == BASE_URL.rstrip("/"), other.current_url)
            self.assertTrue(other.find_elements(By.NAME, "password"))
            screenshot(other, "00-sign-in")
        finally:
            other.quit()

    def test_02_list_shows_the_demo_campaign(self):
        self.open("/campaigns")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "tr[data-campaign]")
        self.assertGreaterEqual(len(rows), 1)
        self.assertIn("running", rows[0].find_element(By.CSS_SELECTOR, "[data-status]").text)
        screenshot(self.driver, "01-campaigns")

    def test_03_detail_page_counts_change_without_reload(self):
        self.open("/campaigns")
        self.driver.find_element(By.CSS_SELECTOR, "tr[data-campaign] td a").click()
        wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, "[data-kpi='callsMade']"), "the KPI cards")
        for name in ("callsMade", "reached", "interested", "optOuts", "answerRate", "conversionRate",
                     "averageConnectedSeconds"):
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, f"[data-kpi='{name}']"), name)
        self.driver.execute_script("window.__sameDocument = true")
        calls = self.driver.find_element(By.CSS_SELECTOR, "[data-kpi='callsMade']")
        before = calls.text
        wait_for(lambda: calls.text != before, "the calls made to change live", timeout=30)
        self.assertTrue(self.driver.execute_script("return window.__sameDocument === true"), "the page reloaded")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "svg[data-chart='cost']"))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "svg[data-chart='best-times']"))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "tr[data-lead]"))
        screenshot(self.driver, "02-campaign")

    def test_04_pause_and_resume_from_the_list(self):
        self.open("/campaigns")
        row = "tr[data-campaign]:first-child"
        self.driver.find_element(By.CSS_SELECTOR, f"{row} button[data-action='pause']").click()
        wait_for(lambda: "paused" in self.driver.find_element(By.CSS_SELECTOR, f"{row} [data-status]").text,
                 "the campaign to show paused")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, ".flash.notice"))
        screenshot(self.driver, "03-campaigns-paused")
        self.driver.find_element(By.CSS_SELECTOR, f"{row} button[data-action='resume']").click()
        wait_for(lambda: "running" in self.driver.find_element(By.CSS_SELECTOR, f"{row} [data-status]").text,
                 "the campaign to show running again")

    def test_05_wizard_keeps_next_disabled_on_an_invalid_field_and_reports_bad_csv_rows(self):
        driver = self.driver
        self.open("/campaigns/new")
        next_button = driver.find_element(By.CSS_SELECTOR, "[data-next]")
        driver.find_element(By.NAME, "name").send_keys("Browser wizard campaign")
        wait_for(lambda: next_button.get_attribute("disabled") is not None, "Next to stay disabled without an agent")
        wait_for(lambda: "agent" in driver.find_element(By.CSS_SELECTOR, "[data-step='1']").text.lower(),
                 "the agent's error")
        Select(driver.find_element(By.NAME, "agentId")).select_by_index(1)
        wait_for(lambda: next_button.is_enabled(), "Next to enable on a valid first step")
        next_button.click()
        boxes = driver.find_elements(By.CSS_SELECTOR, "input[name='numberPool']:not([disabled])")
        self.assertTrue(boxes)
        boxes[0].click()
        wait_for(lambda: next_button.is_enabled(), "Next to enable with a number ticked")
        screenshot(driver, "04-wizard-numbers")
        next_button.click()
        start = driver.find_element(By.NAME, "window.start")
        start.clear()
        start.send_keys("25:00")
        wait_for(lambda: "window.start" in driver.find_element(By.CSS_SELECTOR, "[data-step='3']").text,
                 "the server's refusal of window.start")
        self.assertFalse(next_button.is_enabled())
        self.assertEqual(start.get_attribute("aria-invalid"), "true")
        screenshot(driver, "05-wizard-invalid")
        start.clear()
        start.send_keys("09:00")
        wait_for(lambda: next_button.is_enabled(), "Next to enable once window.start is fixed")
        next_button.click()
        csv = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        csv.write("phone_number,NAME,CASE_NUMBER\n+12125550111,Ann,1\nnot-a-number,Bob,2\n+12125550112,Cy,3\n"
                  "12,Dee,4\n")
        csv.close()
        picker = driver.find_element(By.CSS_SELECTOR, "input[type=file][name=contacts]")
        driver.execute_script("arguments[0].hidden = false", picker)
        picker.send_keys(csv.name)
        wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "[data-preview]").is_displayed(), "the CSV preview")
        screenshot(driver, "06-wizard-csv")
        next_button.click()
        wait_for(lambda: "Browser wizard campaign" in driver.find_element(By.CSS_SELECTOR, "[data-review]").text,
                 "the review")
        create = driver.find_element(By.CSS_SELECTOR, "[data-create]")
        wait_for(lambda: create.is_displayed() and create.is_enabled(), "Create to show and enable")
        create.click()
        summary = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-import-summary]"), "the import report")
        self.assertIn("2 imported", summary[0].text)
        self.assertIn("2 rejected", summary[0].text)
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, "[data-errors-link]"))
        self.assertGreaterEqual(len(driver.find_elements(By.CSS_SELECTOR, "[data-rejected] tr")), 2)
        screenshot(driver, "07-wizard-report")
        os.unlink(csv.name)
        driver.find_element(By.CSS_SELECTOR, "[data-open-campaign]").click()
        wait_for(lambda: "draft" in driver.find_element(By.CSS_SELECTOR, "[data-status]").text, "the new draft")

    def test_06_add_and_remove_an_opt_out(self):
        driver = self.driver
        self.open("/opt-outs")
        driver.find_element(By.CSS_SELECTOR, "[data-add-opt-out] input[name=number]").send_keys("+12125550199")
        driver.find_element(By.CSS_SELECTOR, "[data-add-opt-out] button[type=submit]").click()
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-opt-out='+12125550199']"),
                 "the opt-out in the list")
        self.assertIn("added", driver.find_element(By.CSS_SELECTOR, ".flash.notice").text)
        screenshot(driver, "08-opt-outs")
        driver.find_element(By.CSS_SELECTOR, "tr[data-opt-out='+12125550199'] button[data-action=remove]").click()
        wait_for(lambda: "removed" in driver.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the removal")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "tr[data-opt-out='+12125550199']"))

    def test_07_create_a_key_once_visible_and_revoke_it(self):
        driver = self.driver
        self.open("/api-keys")
        driver.find_element(By.CSS_SELECTOR, "[data-create-key] input[name=name]").send_keys("browser test key")
        driver.find_element(By.CSS_SELECTOR, "[data-create-key] button[type=submit]").click()
        secret = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-created-key] .secret"), "the new key")
        self.assertTrue(secret[0].text.startswith("ob_"))
        screenshot(driver, "09-api-keys-created")
        self.open("/api-keys")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "[data-created-key]"), "the key is shown only once")
        row = next(row for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-key]")
                   if "browser test key" in row.text)
        key_id = row.get_attribute("data-key")
        row.find_element(By.CSS_SELECTOR, "button[data-action=revoke]").click()
        wait_for(lambda: "revoked" in driver.find_element(
            By.CSS_SELECTOR, f"tr[data-key='{key_id}'] [data-key-state]").text, "the key to show revoked")
        screenshot(driver, "10-api-keys-revoked")

    def test_08_viewer_sees_no_action_that_changes_anything(self):
        driver = self.driver
        self.open("/users")
        driver.find_element(By.NAME, "email").send_keys("viewer@demo.outbound.test")
        Select(driver.find_element(By.NAME, "role")).select_by_visible_text("viewer")
        driver.find_element(By.CSS_SELECTOR, "form[action='/users'] button[type=submit]").click()
        created = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-created-user] .secret"),
                           "the viewer's password")
        email, password = created[0].text.split(": ", 1)
        screenshot(driver, "11-users")
        viewer = browser()
        try:
            sign_in(viewer, email, password)
            for path in ("/campaigns", "/campaigns/1", "/opt-outs", "/api-keys", "/carriers", "/numbers"):
                viewer.get(BASE_URL + path)
                wait_for(lambda: viewer.find_elements(By.CSS_SELECTOR, "[data-user]"), path)
                self.assertFalse(viewer.find_elements(By.CSS_SELECTOR, "[data-action]"), path)
                self.assertFalse(viewer.find_elements(By.CSS_SELECTOR, "main form[method=post]"), path)
                self.assertFalse(viewer.find_elements(By.CSS_SELECTOR, "a[href='/campaigns/new']"), path)
            screenshot(viewer, "12-viewer-campaign")
        finally:
            viewer.quit()

    def test_09_every_page_renders(self):
        for name, path in (("13-agents", "/agents"), ("14-numbers", "/numbers"), ("15-audit", "/audit"),
                           ("16-webhooks", "/webhooks"), ("17-edit", "/campaigns/1/edit")):
            self.open(path)
            wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, "main h1"), path)
            screenshot(self.driver, name)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "[data-notice]"))

    def test_10_edit_a_paused_campaign_with_its_lock_notice_then_clone_it(self):
        driver = self.driver
        self.open("/campaigns/1")
        driver.find_element(By.CSS_SELECTOR, "button[data-action='pause']").click()
        wait_for(lambda: "paused" in driver.find_element(By.CSS_SELECTOR, "[data-status]").text, "paused")
        driver.find_element(By.CSS_SELECTOR, "a[data-action='edit']").click()
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-notice='locked']"), "the lock notice")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "[data-notice='not-editable']"))
        self.assertIsNotNone(driver.find_element(By.NAME, "name").get_attribute("disabled"))
        screenshot(driver, "18-edit-paused")
        next_button = driver.find_element(By.CSS_SELECTOR, "[data-next]")
        for step in (1, 2):
            wait_for(lambda: next_button.is_enabled(), f"Next on step {step}")
            next_button.click()
        concurrency = driver.find_element(By.NAME, "concurrency")
        concurrency.clear()
        concurrency.send_keys("7")
        for step in (3, 4):
            wait_for(lambda: next_button.is_enabled(), f"Next on step {step}")
            next_button.click()
        save = driver.find_element(By.CSS_SELECTOR, "[data-create]")
        wait_for(lambda: save.is_displayed() and save.is_enabled(), "Save to show and enable")
        save.click()
        wait_for(lambda: "Saved" in driver.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the saved notice")
        self.open("/campaigns/1/edit")
        self.assertEqual(driver.find_element(By.NAME, "concurrency").get_attribute("value"), "7")
        driver.find_element(By.CSS_SELECTOR, "button[data-action='clone']").click()
        wait_for(lambda: "Cloned" in driver.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the clone")
        self.assertIn("draft", driver.find_element(By.CSS_SELECTOR, "[data-status]").text)
        screenshot(driver, "19-clone")
        self.open("/campaigns/1")
        driver.find_element(By.CSS_SELECTOR, "button[data-action='resume']").click()
        wait_for(lambda: "running" in driver.find_element(By.CSS_SELECTOR, "[data-status]").text, "running again")

    def test_11_a_lead_shows_its_calls(self):
        driver = self.driver
        self.open("/campaigns/1?leadStatus=completed")
        link = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-lead] a"), "a completed lead")
        link[0].click()
        rows = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "table[data-calls] tr[data-call]"), "its calls")
        self.assertIn("answered", rows[0].text)
        screenshot(driver, "20-lead")

    def test_12_phone_width(self):
        driver = self.driver
        driver.set_window_size(390, 844)
        try:
            self.open("/campaigns/1")
            wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-kpi='callsMade']"), "the campaign page")
            driver.save_screenshot(os.path.join(os.environ.get("OUTBOUND_SCREENSHOTS", ".build/browser-screenshots"),
                                                "21-phone.png"))
            width = driver.execute_script("return document.documentElement.scrollWidth")
            self.assertLessEqual(width, 400, "the page scrolls sideways on a phone")
        finally:
            driver.set_window_size(1280, 900)

    def test_13_agent_variables_and_preview_as_typed(self):
        driver = self.driver
        self.open("/agents")
        driver.find_element(By.CSS_SELECTOR, "a[href='/agents/new']").click()
        wait_for(lambda: driver.find_elements(By.NAME, "greeting"), "the agent form")
        driver.find_element(By.NAME, "name").send_keys("Browser agent")
        driver.find_element(By.NAME, "greeting").send_keys("Hi {{NAME}}, this is about {{POLICY_ID}}.")
        wait_for(lambda: "POLICY_ID" in driver.find_element(By.CSS_SELECTOR, "[data-variables]").text,
                 "the variables to list POLICY_ID as typed")
        wait_for(lambda: "Hi there" in driver.find_element(By.CSS_SELECTOR, "[data-preview='greeting']").text,
                 "the preview with the NAME fallback")
        driver.find_element(By.CSS_SELECTOR, "[data-agent-form] button[type=submit]").click()
        wait_for(lambda: "created" in driver.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the new agent")
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, "a[href$='/template.csv']"))
        screenshot(driver, "22-agent")

    def test_14_add_a_number(self):
        driver = self.driver
        self.open("/numbers")
        driver.find_element(By.CSS_SELECTOR, "[data-add-number] input[name=e164]").send_keys("+14155550177")
        driver.find_element(By.CSS_SELECTOR, "[data-add-number] input[name=outbound]").click()
        driver.find_element(By.CSS_SELECTOR, "[data-add-number] button[type=submit]").click()
        row = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-number='+14155550177']"), "the number")
        self.assertIn("inbound-only", row[0].text)
        self.open("/campaigns/new")
        box = driver.find_element(By.CSS_SELECTOR, "input[name=numberPool][value='+14155550177']")
        self.assertIsNotNone(box.get_attribute("disabled"), "an inbound-only number is offered disabled")

    def test_15_the_wizard_posts_as_a_plain_form_without_javascript(self):
        plain = browser(javascript=False)
        try:
            sign_in(plain)
            plain.get(BASE_URL + "/campaigns/new")
            self.assertTrue(plain.find_element(By.NAME, "window.start").is_displayed())
            plain.find_element(By.NAME, "name").send_keys("No script campaign")
            Select(plain.find_element(By.NAME, "agentId")).select_by_index(1)
            plain.find_element(By.CSS_SELECTOR, "input[name=numberPool]:not([disabled])").click()
            screenshot(plain, "23-wizard-no-js")
            plain.find_element(By.CSS_SELECTOR, "[data-plain-submit] button[type=submit]").click()
            wait_for(lambda: "Created" in plain.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the draft")
            self.assertIn("No script campaign", plain.find_element(By.CSS_SELECTOR, "h1").text)
        finally:
            plain.quit()

    def test_16_carriers_add_edit_delete_and_a_numbers_carrier(self):
        driver = self.driver
        self.open("/carriers")
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, "nav a[href='/carriers'][aria-current=page]"))
        driver.find_element(By.CSS_SELECTOR, "a[href='/carriers/new']").click()
        form = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-carrier-form]"), "the carrier form")[0]
        form.find_element(By.NAME, "name").send_keys("Browser trunk")
        Select(form.find_element(By.NAME, "kind")).select_by_value("sip")
        form.find_element(By.NAME, "address").send_keys("sip.example.test:5060")
        form.find_element(By.NAME, "username").send_keys("trunkuser")
        form.find_element(By.NAME, "password").send_keys("s3cret-never-shown")
        form.find_element(By.NAME, "cps").send_keys("5")
        form.find_element(By.NAME, "ratePerMinute").send_keys("0.0125")
        billing = form.find_element(By.NAME, "billingIncrementSeconds")
        billing.clear()
        billing.send_keys("6")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        row = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-carrier='Browser trunk']"), "the carrier")
        self.assertIn("sip.example.test:5060", row[0].text)
        self.assertIn("0.0125", row[0].text)
        self.assertEqual("set", row[0].find_element(By.CSS_SELECTOR, "[data-password]").text)
        self.assertNotIn("s3cret-never-shown", driver.page_source)
        screenshot(driver, "24-carriers")
        row[0].find_element(By.LINK_TEXT, "Browser trunk").click()
        form = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-carrier-form]"), "the edit form")[0]
        self.assertNotIn("s3cret-never-shown", driver.page_source)
        ring = form.find_element(By.NAME, "ringTimeoutSeconds")
        ring.clear()
        ring.send_keys("45")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        row = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-carrier='Browser trunk']"), "saved")
        self.assertIn("45", row[0].text)
        self.assertEqual("set", row[0].find_element(By.CSS_SELECTOR, "[data-password]").text,
                         "an empty password field keeps the stored one")
        row[0].find_element(By.LINK_TEXT, "Browser trunk").click()
        wait_for(lambda: driver.find_elements(By.NAME, "removePassword"), "the remove box")[0].click()
        screenshot(driver, "25-carrier-edit")
        driver.find_element(By.CSS_SELECTOR, "[data-carrier-form] button[type=submit]").click()
        row = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-carrier='Browser trunk']"), "saved")
        self.assertEqual("none", row[0].find_element(By.CSS_SELECTOR, "[data-password]").text)
        # A number switched to the new carrier and back to outbound.
        self.open("/numbers")
        form = driver.find_element(By.CSS_SELECTOR, "tr[data-number='+14155550177'] [data-edit-number]")
        Select(form.find_element(By.NAME, "carrierId")).select_by_visible_text("Browser trunk")
        form.find_element(By.NAME, "outbound").click()
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(lambda: "saved" in driver.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the number saved")
        row = driver.find_element(By.CSS_SELECTOR, "tr[data-number='+14155550177']")
        self.assertEqual("Browser trunk", row.find_element(By.CSS_SELECTOR, "[data-carrier-name]").text)
        self.assertIn("outbound", row.text)
        screenshot(driver, "26-numbers-carrier")
        # The carrier in use cannot be deleted: the error names the number.
        self.open("/carriers")
        driver.find_element(By.CSS_SELECTOR, "tr[data-carrier='Browser trunk'] button[data-action=delete]").click()
        error = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, ".flash.error"), "the refusal")[0]
        self.assertIn("+14155550177", error.text)
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, "tr[data-carrier='Browser trunk']"))
        self.open("/numbers")
        form = driver.find_element(By.CSS_SELECTOR, "tr[data-number='+14155550177'] [data-edit-number]")
        Select(form.find_element(By.NAME, "carrierId")).select_by_visible_text("none")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(lambda: "saved" in driver.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the number saved")
        self.open("/carriers")
        driver.find_element(By.CSS_SELECTOR, "tr[data-carrier='Browser trunk'] button[data-action=delete]").click()
        wait_for(lambda: "deleted" in driver.find_element(By.CSS_SELECTOR, ".flash.notice").text, "the deletion")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "tr[data-carrier='Browser trunk']"))

    def test_17_wizard_contacts_typed_one_by_one_with_the_servers_rejections_named(self):
        driver = self.driver
        self.open("/campaigns/new")
        next_button = driver.find_element(By.CSS_SELECTOR, "[data-next]")
        driver.find_element(By.NAME, "name").send_keys("Typed contacts campaign")
        Select(driver.find_element(By.NAME, "agentId")).select_by_index(1)
        wait_for(lambda: next_button.is_enabled(), "Next on the first step")
        next_button.click()
        driver.find_elements(By.CSS_SELECTOR, "input[name='numberPool']:not([disabled])")[0].click()
        wait_for(lambda: next_button.is_enabled(), "Next with a number ticked")
        next_button.click()
        wait_for(lambda: next_button.is_enabled(), "Next on the dialler step")
        next_button.click()
        table = driver.find_element(By.CSS_SELECTOR, "[data-manual-table]")
        variables = table.find_elements(By.CSS_SELECTOR, "tr[data-manual-row='1'] input[data-manual-field^='var:']")
        self.assertTrue(variables, "a column per agent variable")
        names = [cell.text for cell in table.find_elements(By.CSS_SELECTOR, "thead th")]
        self.assertIn(variables[0].get_attribute("data-manual-field")[4:], names)
        row = table.find_element(By.CSS_SELECTOR, "tr[data-manual-row='1']")
        row.find_element(By.CSS_SELECTOR, "[data-manual-field=phoneNumber]").send_keys("+12125550141")
        variables[0].send_keys("Ada")
        row.find_element(By.CSS_SELECTOR, "[data-add-alternate]").click()
        row.find_element(By.CSS_SELECTOR, "[data-alternate] [data-alt-field=number]").send_keys("+12125550142")
        driver.find_element(By.CSS_SELECTOR, "[data-add-contact]").click()
        row = table.find_element(By.CSS_SELECTOR, "tr[data-manual-row='2']")
        row.find_element(By.CSS_SELECTOR, "[data-manual-field=phoneNumber]").send_keys("12")
        screenshot(driver, "27-wizard-typed-contacts")
        next_button.click()
        wait_for(lambda: "2 typed" in driver.find_element(By.CSS_SELECTOR, "[data-review]").text, "the review")
        create = driver.find_element(By.CSS_SELECTOR, "[data-create]")
        wait_for(lambda: create.is_displayed() and create.is_enabled(), "Create to show and enable")
        create.click()
        summary = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-import-summary]"), "the import report")
        self.assertIn("1 imported", summary[0].text)
        self.assertIn("1 rejected", summary[0].text)
        rejected = driver.find_elements(By.CSS_SELECTOR, "tr[data-manual-row='2'][data-manual-rejected]")
        self.assertTrue(rejected, "the rejected row is named")
        named = driver.find_element(By.CSS_SELECTOR, "[data-report] [data-manual-rejection='2']").text
        self.assertIn("Contact 2 (12):", named)
        self.assertGreater(len(named), len("Contact 2 (12): "), "the reason follows")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "[data-manual-rejection='1']"))
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "tr[data-manual-row='1'][data-manual-rejected]"))
        screenshot(driver, "28-wizard-typed-report")

    def test_18_wizard_maps_csv_columns_to_the_agents_variables(self):
        driver = self.driver
        self.open("/campaigns/new")
        next_button = driver.find_element(By.CSS_SELECTOR, "[data-next]")
        driver.find_element(By.NAME, "name").send_keys("Mapped columns campaign")
        Select(driver.find_element(By.NAME, "agentId")).select_by_index(1)
        wait_for(lambda: next_button.is_enabled(), "Next on the first step")
        next_button.click()
        driver.find_elements(By.CSS_SELECTOR, "input[name='numberPool']:not([disabled])")[0].click()
        wait_for(lambda: next_button.is_enabled(), "Next with a number ticked")
        next_button.click()
        wait_for(lambda: next_button.is_enabled(), "Next on the dialler step")
        next_button.click()
        csv = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        csv.write("phone_number,Customer Name,Other\n+12125550151,Mapped Ada,x\n")
        csv.close()
        picker = driver.find_element(By.CSS_SELECTOR, "input[type=file][name=contacts]")
        driver.execute_script("arguments[0].hidden = false", picker)
        picker.send_keys(csv.name)
        row = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-mapping-row=NAME]"), "the mapping")[0]
        select = Select(row.find_element(By.CSS_SELECTOR, "select"))
        self.assertEqual("", select.first_selected_option.get_attribute("value"), "no column is named NAME")
        self.assertIn("there", row.find_element(By.CSS_SELECTOR, "[data-mapping-flag]").text)
        select.select_by_visible_text("Customer Name")
        self.assertEqual("", row.find_element(By.CSS_SELECTOR, "[data-mapping-flag]").text)
        screenshot(driver, "29-wizard-mapping")
        next_button.click()
        create = driver.find_element(By.CSS_SELECTOR, "[data-create]")
        wait_for(lambda: create.is_displayed() and create.is_enabled(), "Create to show and enable")
        create.click()
        summary = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-import-summary]"), "the import report")
        self.assertIn("1 imported", summary[0].text)
        os.unlink(csv.name)
        driver.find_element(By.CSS_SELECTOR, "[data-open-campaign]").click()
        link = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-lead] a"), "the lead")
        link[0].click()
        wait_for(lambda: "Mapped Ada" in driver.find_element(By.CSS_SELECTOR, "main").text, "NAME from Customer Name")

    def test_19_list_shows_calls_made_today(self):
        def calls_today():
            self.open("/campaigns")
            cell = self.driver.find_elements(By.CSS_SELECTOR, "tr[data-campaign]:first-child [data-calls-today]")
            return cell and cell[0].text.isdigit() and int(cell[0].text) > 0
        wait_for(calls_today, "the running demo campaign's calls today", timeout=30)
        headings = [cell.text.lower() for cell in self.driver.find_elements(By.CSS_SELECTOR, "table[data-campaigns] th")]
        self.assertIn("calls today", headings)
        screenshot(self.driver, "30-campaigns-calls-today")

    def test_20_lead_search_by_name_in_another_case_and_by_national_digits(self):
        driver = self.driver
        self.open("/campaigns")
        campaign = driver.find_element(By.CSS_SELECTOR, "tr[data-campaign]:first-child td a").get_attribute("href")
        driver.get(campaign)
        for query, expected in (("quinn ADAMS", "+12125550115"), ("(212) 555-0115", "+12125550115"),
                                ("+1 212 555 0115", "+12125550115")):
            box = driver.find_element(By.CSS_SELECTOR, "form[role=search] input[name=q]")
            box.clear()
            box.send_keys(query)
            box.submit()
            rows = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "tr[data-lead]"), f"the lead found by {query}")
            self.assertEqual(1, len(rows), query)
            self.assertIn(expected, rows[0].text, query)
        screenshot(driver, "31-lead-search")
        box = driver.find_element(By.CSS_SELECTOR, "form[role=search] input[name=q]")
        box.clear()
        box.send_keys("nobody by this name")
        box.submit()
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#leads ~ .empty"), "the empty state")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "tr[data-lead]"))
        self.open("/campaigns")

    def wizard_contacts_step(self, name):
        driver = self.driver
        self.open("/campaigns/new")
        next_button = driver.find_element(By.CSS_SELECTOR, "[data-next]")
        driver.find_element(By.NAME, "name").send_keys(name)
        Select(driver.find_element(By.NAME, "agentId")).select_by_index(1)
        wait_for(lambda: next_button.is_enabled(), "Next on the first step")
        next_button.click()
        driver.find_elements(By.CSS_SELECTOR, "input[name='numberPool']:not([disabled])")[0].click()
        wait_for(lambda: next_button.is_enabled(), "Next with a number ticked")
        next_button.click()
        wait_for(lambda: next_button.is_enabled(), "Next on the dialler step")
        next_button.click()
        return next_button

    def choose_csv(self, text):
        csv = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        csv.write(text)
        csv.close()
        picker = self.driver.find_element(By.CSS_SELECTOR, "input[type=file][name=contacts]")
        self.driver.execute_script("arguments[0].hidden = false", picker)
        picker.send_keys(csv.name)
        return csv.name

    def test_21_wizard_shows_the_detected_convention_and_the_servers_refusal_of_a_header(self):
        driver = self.driver
        self.wizard_contacts_step("Convention campaign")
        convention = driver.find_element(By.CSS_SELECTOR, "[data-convention]")
        path = self.choose_csv("name;phone1;phone2;email\nAnn;+12125550161;+12125550162;ann@example.com\n")
        wait_for(lambda: convention.get_attribute("data-convention") == "name-phone-list", "the detected convention")
        self.assertIn("name + phone1", convention.text)
        self.assertIn("semicolon", convention.text)
        screenshot(driver, "32-wizard-convention")
        os.unlink(path)
        path = self.choose_csv("full name,email\nAnn,ann@example.com\n")
        wait_for(lambda: convention.get_attribute("data-convention-error") is not None, "the server's refusal")
        self.assertIn("phone", convention.text.lower())
        self.assertIn("cannot be imported", convention.text)
        screenshot(driver, "33-wizard-convention-refused")
        os.unlink(path)

    def test_22_wizard_alternates_carry_their_own_variables_and_a_bad_one_is_named(self):
        driver = self.driver
        next_button = self.wizard_contacts_step("Alternates campaign")
        table = driver.find_element(By.CSS_SELECTOR, "[data-manual-table]")
        row = table.find_element(By.CSS_SELECTOR, "tr[data-manual-row='1']")
        row.find_element(By.CSS_SELECTOR, "[data-manual-field=phoneNumber]").send_keys("+12125550171")
        row.find_element(By.CSS_SELECTOR, "[data-manual-field='var:NAME']").send_keys("Ada")
        row.find_element(By.CSS_SELECTOR, "[data-add-alternate]").click()
        row.find_element(By.CSS_SELECTOR, "[data-add-alternate]").click()
        entries = row.find_elements(By.CSS_SELECTOR, "[data-alternate]")
        self.assertEqual(2, len(entries))
        entries[0].find_element(By.CSS_SELECTOR, "[data-alt-field=number]").send_keys("+12125550172")
        entries[0].find_element(By.CSS_SELECTOR, "[data-alt-field='var:NAME']").send_keys("Ada's office")
        entries[1].find_element(By.CSS_SELECTOR, "[data-alt-field=number]").send_keys("12")
        screenshot(driver, "34-wizard-alternates")
        next_button.click()
        create = driver.find_element(By.CSS_SELECTOR, "[data-create]")
        wait_for(lambda: create.is_enabled(), "Create to enable")
        create.click()
        summary = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-import-summary]"), "the import report")
        self.assertIn("1 imported", summary[0].text)
        named = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-report] [data-manual-rejection='1']"),
                         "the bad alternate named")[0].text
        self.assertIn("other number 2", named)
        bad = entries[1].find_element(By.CSS_SELECTOR, "[data-alt-field=number]")
        self.assertEqual("true", bad.get_attribute("aria-invalid"))
        screenshot(driver, "35-wizard-alternates-report")


if __name__ == "__main__":
    unittest.main(verbosity=2)
