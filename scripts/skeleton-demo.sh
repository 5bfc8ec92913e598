#!/usr/bin/env bash
# Drives the walking skeleton through the gateway, as a client would, and checks each answer.
# Needs the platform running (./platform run). Usage: scripts/skeleton-demo.sh [gateway-url]
# Tokens come from the issuer ($ISSUER, default the embedded one) for the demo users manon (manager) and farid (finance).
set -euo pipefail
gateway=${1:-http://localhost:8080}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fail() { echo "FAILED: $*" >&2; exit 1; }
manager="Authorization: Bearer $("$here/token.sh" manon demo)" || fail "no token for manon"
finance="Authorization: Bearer $("$here/token.sh" farid demo)" || fail "no token for farid"
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

registration="RC-$(date +%s)-$RANDOM"
echo "1. Apply to join through the gateway (registration $registration)"
response=$(curl -s -D - -o /tmp/skeleton-apply.json -H "$manager" -H 'Content-Type: application/json' \
  -H 'X-Correlation-Id: skeleton-demo' \
  -d "{\"legalName\":\"Maroc Numeric Cluster\",\"registrationNumber\":\"$registration\",\"country\":\"MA\",\"organisationType\":\"ASSOCIATION\",\"sizeBand\":\"SMALL\"}" \
  "$gateway/api/members/applications")
status=$(printf '%s' "$response" | head -1 | awk '{print $2}')
[ "$status" = 201 ] || fail "expected 201, got $status: $(cat /tmp/skeleton-apply.json)"
printf '%s' "$response" | grep -qi '^x-correlation-id: skeleton-demo' || fail "correlation id not echoed"
member=$(json_field id < /tmp/skeleton-apply.json)
echo "   201 Created, member $member"

echo "2. Wait for finance-service to open the member account from the event"
for _ in $(seq 1 100); do
  code=$(curl -s -o /tmp/skeleton-account.json -w '%{http_code}' -H "$finance" "$gateway/api/finance/member-accounts/$member")
  [ "$code" = 200 ] && break
  sleep 0.1
done
[ "$code" = 200 ] || fail "finance never opened the account (last status $code)"
echo "   $(cat /tmp/skeleton-account.json)"
grep -q '"eventsApplied":1' /tmp/skeleton-account.json || fail "the event was not applied exactly once"

echo "3. Apply again with the same registration number: refused"
code=$(curl -s -o /tmp/skeleton-dup.json -w '%{http_code}' -H "$manager" -H 'Content-Type: application/json' -H 'Accept-Language: fr' \
  -d "{\"legalName\":\"Maroc Numeric Cluster\",\"registrationNumber\":\"$registration\",\"country\":\"MA\",\"organisationType\":\"ASSOCIATION\",\"sizeBand\":\"SMALL\"}" \
  "$gateway/api/members/applications")
[ "$code" = 409 ] || fail "expected 409, got $code"
echo "   409 $(json_field title < /tmp/skeleton-dup.json)"

echo "4. Bad input: a problem that names the fields"
code=$(curl -s -o /tmp/skeleton-bad.json -w '%{http_code}' -H "$manager" -H 'Content-Type: application/json' \
  -d '{"legalName":"","country":"Morocco"}' "$gateway/api/members/applications")
[ "$code" = 400 ] || fail "expected 400, got $code"
grep -q '"field":"country"' /tmp/skeleton-bad.json || fail "problem does not name the country field"
echo "   400 $(cat /tmp/skeleton-bad.json)"
echo "Walking skeleton OK"
