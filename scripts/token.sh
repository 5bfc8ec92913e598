#!/usr/bin/env bash
# Prints an access token from the platform's issuer (docs/identity.md), and nothing else, on stdout.
#
#   scripts/token.sh <user> [password]           authorization code + PKCE as client cluster-web (password: demo);
#                                                a bare demo name (amina) logs in as amina@demo.cluster.coop
#   scripts/token.sh --client <client-id> <secret>   client_credentials
#
# ISSUER (default http://localhost:9000) is the issuer: auth-server, under ./platform run and docker compose alike
# (Keycloak in compose is an upstream login of auth-server, not an issuer: the services refuse its tokens).
# Needs curl, openssl, sed, grep, od and printf only.
# People whose role needs a second factor (manager, finance) give a TOTP code after the password: computed here
# from TOTP_SECRET_HEX (default: the demo staff's published demo secret, docs/identity.md).
# The user flow needs no listener: the code is read from the Location header of the redirect to
# http://127.0.0.1:8400/callback. Example:
#   curl -H "Authorization: Bearer $(scripts/token.sh amina)" http://localhost:8080/api/...
set -euo pipefail

ISSUER="${ISSUER:-http://localhost:9000}"
ISSUER="${ISSUER%/}"
CLIENT_ID=cluster-web
REDIRECT_URI=http://127.0.0.1:8400/callback

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
fail() {
  echo "token.sh: $*" >&2
  exit 1
}
for tool in curl openssl sed grep od; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is required"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="$work/cookies"

# The string value of a top-level field of a (one-line) JSON document on stdin; empty if absent.
json_string() {
  tr -d '\n' | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
}
# The value of a query parameter of a URL.
query_param() {
  printf '%s' "$1" | sed -n "s/.*[?&]$2=\\([^&#]*\\).*/\\1/p"
}
# Decodes the few HTML entities a form action or hidden field may hold.
html_unescape() {
  sed -e 's/&#x3[dD];/=/g' -e 's/&#61;/=/g' -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&amp;/\&/g'
}
# Resolves a URL found in a page against the issuer's origin.
absolute() {
  case "$1" in
    http://* | https://*) printf '%s' "$1" ;;
    /*) printf '%s%s' "$(printf '%s' "$ISSUER" | sed -E 's#^(https?://[^/]+).*#\1#')" "$1" ;;
    *) fail "unexpected relative URL in the login page: $1" ;;
  esac
}
base64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# --- The second factor (docs/identity.md): a TOTP code (RFC 6238: HMAC-SHA1 over the 30-second time step, six
# digits) of TOTP_SECRET_HEX, the demo secret by default ("cluster-demo-totp-20", base32 MNWHK43UMVZC2ZDFNVXS25DPORYC2MRQ).
TOTP_SECRET_HEX="${TOTP_SECRET_HEX:-636c75737465722d64656d6f2d746f74702d3230}"
now_step() {
  local now
  printf -v now '%(%s)T' -1
  echo $((now / 30))
}
# The code of time step $1.
totp() {
  local mac offset
  # shellcheck disable=SC2059 # the format is the counter as \xHH escapes: 8 bytes, big-endian
  mac="$(printf "$(printf '%016x' "$1" | sed 's/../\\x&/g')" |
    openssl dgst -sha1 -mac HMAC -macopt "hexkey:$TOTP_SECRET_HEX" -binary | od -An -v -tx1 | tr -d ' \n')"
  offset=$((16#${mac:39:1} * 2))
  printf '%06d' $(((16#${mac:offset:8} & 0x7fffffff) % 1000000))
}
# Answers the second-factor page at URL $1 with a code; prints where the issuer redirects next. A code is accepted
# once: if this person logged in moments ago, the next step's code is sent (the issuer accepts one step ahead), and
# past that the script waits for the clock (at most 30 s). Four tries at most, below the five wrong codes that lock.
second_factor() {
  local page form action csrf step answer tries=0
  curl -sS -o "$work/mfa.html" -c "$jar" -b "$jar" -H 'Accept: text/html' "$1" ||
    fail "reading the second-factor page $1 failed"
  step="$(now_step)"
  while [ "$tries" -lt 4 ]; do
    page="$(tr '\n' ' ' <"$work/mfa.html")"
    case "$page" in
      *'otpauth://'*) fail "user '$username' has no second factor yet: enrol once in a browser at $1" ;;
    esac
    form="$(printf '%s' "$page" | grep -o '<form[^>]*>' | grep -i 'method="post"' | head -1)" ||
      fail "no form in the second-factor page"
    action="$(absolute "$(printf '%s' "$form" | sed -n 's/.*action="\([^"]*\)".*/\1/p' | html_unescape)")"
    csrf="$(printf '%s' "$page" | grep -o '<input[^>]*name="_csrf"[^>]*>' | head -1 |
      sed -n 's/.*value="\([^"]*\)".*/\1/p' | html_unescape)"
    answer="$(curl -sS -o "$work/mfa.html" -c "$jar" -b "$jar" -H 'Accept: text/html' -w '%{http_code} %{redirect_url}' \
      --data-urlencode "code=$(totp "$step")" --data-urlencode "_csrf=$csrf" "$action")" ||
      fail "posting the second factor to $action failed"
    case "${answer%% *}" in
      302 | 303) printf '%s' "${answer#* }"; return 0 ;;
      429) fail "the second factor of '$username' is locked after wrong codes (TOTP_SECRET_HEX?): retry in 15 minutes" ;;
    esac
    tries=$((tries + 1))
    step=$((step + 1))
    while [ "$step" -gt $(($(now_step) + 1)) ]; do
      sleep 1
    done
  done
  fail "the issuer refused the TOTP codes of user '$username' (TOTP_SECRET_HEX?)"
}

# Endpoints from the issuer's discovery document.
discovery="$(curl -sS -f "$ISSUER/.well-known/openid-configuration" 2>"$work/err")" ||
  fail "cannot read $ISSUER/.well-known/openid-configuration ($(tr -d '\n' <"$work/err")): is the issuer running? (ISSUER=$ISSUER)"
authorization_endpoint="$(printf '%s' "$discovery" | json_string authorization_endpoint)"
token_endpoint="$(printf '%s' "$discovery" | json_string token_endpoint)"
[ -n "$token_endpoint" ] || fail "no token_endpoint in the discovery document of $ISSUER"

# POSTs a token request (form fields as arguments) and prints the access token, or fails with the error.
token_request() {
  local status
  status="$(curl -sS -o "$work/token.json" -w '%{http_code}' "$token_endpoint" "$@")" ||
    fail "token request to $token_endpoint failed"
  local token
  token="$(json_string access_token <"$work/token.json")"
  if [ "$status" != 200 ] || [ -z "$token" ]; then
    fail "token request refused (HTTP $status): $(json_string error <"$work/token.json") $(json_string error_description <"$work/token.json")"
  fi
  printf '%s\n' "$token"
}

if [ "${1:-}" = --client ]; then
  [ $# -eq 3 ] || usage
  token_request --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$2" \
    --data-urlencode "client_secret=$3"
  exit 0
fi

[ $# -ge 1 ] && [ $# -le 2 ] && [ -n "$1" ] && [ "${1#-}" = "$1" ] || usage
username="$1"
password="${2:-demo}"
# The issuer's logins are emails (docs/people.md): a bare demo name is its demo address.
case "$username" in
  *@*) ;;
  *) username="$username@demo.cluster.coop" ;;
esac
[ -n "$authorization_endpoint" ] || fail "no authorization_endpoint in the discovery document of $ISSUER"

verifier="$(openssl rand 48 | base64url)"
challenge="$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64url)"
state="$(openssl rand 16 | base64url)"

# 1. The authorization request; without a session the issuer answers with its login page (following redirects).
login_page="$(curl -sS -L -c "$jar" -b "$jar" -H 'Accept: text/html' -G "$authorization_endpoint" \
  --data-urlencode response_type=code --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode 'scope=openid profile' \
  --data-urlencode "state=$state" --data-urlencode "code_challenge=$challenge" \
  --data-urlencode code_challenge_method=S256)" || fail "authorization request to $authorization_endpoint failed"

# 2. The login form: <form ... action="/login"> with a hidden _csrf field.
form="$(printf '%s' "$login_page" | tr '\n' ' ' | grep -o '<form[^>]*>' | grep -i 'method="post"' | head -1)" ||
  fail "no login form in the answer to the authorization request (is $CLIENT_ID registered with redirect URI $REDIRECT_URI?)"
action="$(printf '%s' "$form" | sed -n 's/.*action="\([^"]*\)".*/\1/p' | html_unescape)"
[ -n "$action" ] || fail "the login form has no action"
action="$(absolute "$action")"
csrf_input="$(printf '%s' "$login_page" | tr '\n' ' ' | grep -o '<input[^>]*name="_csrf"[^>]*>' | head -1 || true)"
fields=(--data-urlencode "username=$username" --data-urlencode "password=$password")
if [ -n "$csrf_input" ]; then
  csrf="$(printf '%s' "$csrf_input" | sed -n 's/.*value="\([^"]*\)".*/\1/p' | html_unescape)"
  fields+=(--data-urlencode "_csrf=$csrf")
fi

# 3. Post the credentials, then follow the issuer's redirects by hand until one goes to the redirect URI.
location="$(curl -sS -o "$work/login.html" -c "$jar" -b "$jar" -H 'Accept: text/html' -w '%{redirect_url}' \
  "${fields[@]}" "$action")" || fail "posting the login form to $action failed"
for _ in 1 2 3 4 5; do
  case "$location" in
    "$REDIRECT_URI"*) break ;;
    '' | *'/login?error'*)
      fail "login refused for user '$username' (wrong user name or password?)" ;;
    *'/mfa'*)
      location="$(second_factor "$location")"
      continue ;;
  esac
  location="$(curl -sS -o "$work/page.html" -c "$jar" -b "$jar" -H 'Accept: text/html' -w '%{redirect_url}' \
    "$location")" || fail "following the redirect to $location failed"
done
case "$location" in
  "$REDIRECT_URI"*) ;;
  *) fail "the issuer did not redirect to $REDIRECT_URI (last redirect: ${location:-none})" ;;
esac
error="$(query_param "$location" error)"
[ -z "$error" ] || fail "authorization refused: $error $(query_param "$location" error_description)"
[ "$(query_param "$location" state)" = "$state" ] || fail "the state returned with the code does not match"
code="$(query_param "$location" code)"
[ -n "$code" ] || fail "no authorization code in the redirect to $location"

# 4. Exchange the code, with the PKCE verifier.
token_request --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "code_verifier=$verifier"
