"""Helpers of the dashboard's browser tests: a headless Chromium session signed in to the demo server."""
import os
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By

BASE_URL = os.environ.get("OUTBOUND_URL", "http://127.0.0.1:8080")
ADMIN_EMAIL = os.environ.get("OUTBOUND_ADMIN", "admin@demo.outbound.test")
ADMIN_PASSWORD = os.environ.get("OUTBOUND_PASSWORD", "")
API_KEY = os.environ.get("OUTBOUND_API_KEY", "")
SHOTS = os.environ.get("OUTBOUND_SCREENSHOTS", ".build/browser-screenshots")


def browser(javascript=True):
    """A headless Chromium driven by Debian's chromedriver (with JavaScript off when asked)."""
    options = webdriver.ChromeOptions()
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    binary = next((path for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(path)), None)
    if binary:
        options.binary_location = binary
    driver_path = next(
        (path for path in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(path)), None)
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(20)
    driver.implicitly_wait(0)
    return driver


def sign_in(driver, email=ADMIN_EMAIL, password=ADMIN_PASSWORD):
    """Signs in through the form at /."""
    driver.get(BASE_URL + "/")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button[type=submit]").click()
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-user]"), "the signed-in layout")


def wait_for(condition, what, timeout=15.0):
    """Polls `condition` until it is truthy; fails naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except (NoSuchElementException, StaleElementReferenceException):
            value = None  # the page is being replaced: ask again
        except WebDriverException as error:
            # Chromium reports an element a live update replaced between the find and the read this way, not as a
            # stale element reference.
            if "does not belong to the document" not in str(error):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def screenshot(driver, name):
    """Saves the whole page as SHOTS/name.png."""
    os.makedirs(SHOTS, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(900, min(int(height) + 40, 4000)))
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    driver.set_window_size(1280, 900)
