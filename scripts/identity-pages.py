#!/usr/bin/python3
# The issuer's pages in real Chromium (Debian's chromium and chromium-driver, python3-selenium), on a desktop in
# French and a phone in English: login, sign-up, forgotten password, a dead invitation link, a wrong password, and a
# finance person's login through the second factor (the demo TOTP secret) to the client's redirect with a code.
# Screenshots go to the directory given (docs/screenshots/identity holds the last ones looked at).
# Needs the platform running (./platform run). Usage: scripts/identity-pages.py OUT_DIR [issuer-url]
import os, time, hmac, hashlib, struct, base64, sys
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

def driver(width, height, lang):
    o = Options()
    o.add_argument("--headless=new"); o.add_argument("--no-sandbox"); o.add_argument(f"--window-size={width},{height}")
    o.add_argument(f"--lang={lang}")
    o.add_experimental_option("prefs", {"intl.accept_languages": lang})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)

def totp(secret_b32, step_offset=0):
    key = base64.b32decode(secret_b32)
    counter = int(time.time()) // 30 + step_offset
    h = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    o = h[-1] & 15
    return "%06d" % ((struct.unpack(">I", h[o:o+4])[0] & 0x7fffffff) % 1000000)

issuer = sys.argv[2] if len(sys.argv) > 2 else "http://localhost:9000"
auth = issuer + "/oauth2/authorize?response_type=code&client_id=cluster-web&redirect_uri=http://127.0.0.1:8400/callback&scope=openid%20profile&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for (w, h, lang, tag) in [(1280, 800, "fr", "desktop-fr"), (390, 844, "en", "phone-en")]:
    d = driver(w, h, lang)
    try:
        for page in ["login", "sign-up", "password/forgot"]:
            d.get(f"{issuer}/{page}"); time.sleep(0.5)
            d.save_screenshot(f"{out}/{page.replace('/', '-')}-{tag}.png")
        d.get(f"{issuer}/invitations/accept?token=not-a-real-token"); time.sleep(0.5)
        d.save_screenshot(f"{out}/invitation-invalid-{tag}.png")
        # a wrong password
        d.get(auth); time.sleep(0.5)
        d.find_element(By.ID, "username").send_keys("farid@demo.cluster.coop")
        d.find_element(By.ID, "password").send_keys("wrong")
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click(); time.sleep(0.7)
        d.save_screenshot(f"{out}/login-error-{tag}.png")
        # finance: password then the second factor page
        d.find_element(By.ID, "username").send_keys("fatou@demo.cluster.coop")
        d.find_element(By.ID, "password").send_keys("demo")
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click(); time.sleep(0.8)
        d.save_screenshot(f"{out}/mfa-{tag}.png")
        print(tag, d.current_url)
        # a code works once: if this step's was used already (an earlier run), wait for the next step
        for attempt in range(3):
            d.find_element(By.ID, "code").send_keys(totp("MNWHK43UMVZC2ZDFNVXS25DPORYC2MRQ"))
            d.find_element(By.CSS_SELECTOR, "button[type=submit]").click(); time.sleep(0.8)
            if "/mfa" not in d.current_url:
                break
            time.sleep(30 - time.time() % 30 + 0.5)
        print(tag, "after code:", d.current_url[:80])
        if not d.current_url.startswith("http://127.0.0.1:8400/callback?code="):
            sys.exit(f"{tag}: the login did not reach the client with a code: {d.current_url}")
    finally:
        d.quit()
