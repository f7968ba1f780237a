"""The dashboard in a real browser (headless Chromium) against `outbound serve --demo` (scripts/browser-tests.sh)."""
import unittest

from selenium.webdriver.common.by import By

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
