#!/usr/bin/env bash
# A new organisation's people get in through the gateway, as a real cluster's would (docs/people.md), checking
# every answer: its contact signs up and confirms her email from the message the platform sent, files the
# membership application herself, is admitted by the manager and so becomes the organisation's admin, invites a
# colleague (who sets his password from the emailed link), appoints him delegate, and the delegate votes on the
# council. Emails are read from the platform's own SMTP server (scripts/mail.sh).
# Needs the platform running with its demo cluster (./platform run). Usage: scripts/onboarding-demo.sh [gateway-url]
set -euo pipefail
gateway=${1:-http://localhost:8080}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v jq >/dev/null || { echo "onboarding-demo needs jq (apt-get install -y jq)" >&2; exit 1; }
fail() { echo "FAILED: $*" >&2; exit 1; }
out=/tmp/onboarding-demo.json
run=$(date +%s)
contact="leila.benali+$run@sfax-olive-tech.example"
colleague="karim.haddad+$run@sfax-olive-tech.example"
contact_password="Olive-press-$run-ok"
colleague_password="Robot-arm-$run-ok"

# call TOKEN METHOD PATH [BODY]: prints the status; the body is in $out. TOKEN "-" sends none.
call() {
  local args=(-s -o "$out" -w '%{http_code}' -X "$2" -H 'Accept-Language: en')
  [ "$1" != "-" ] && args+=(-H "Authorization: Bearer $1")
  [ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' -d "$4")
  curl "${args[@]}" "$gateway$3"
}
# expect STATUS TOKEN METHOD PATH [BODY]: fails unless the answer has that status
expect() {
  local want=$1; shift
  local got; got=$(call "$@")
  [ "$got" = "$want" ] || fail "$2 $3: expected $want, got $got: $(cat "$out")"
}
# eventually STATUS SECONDS TOKEN METHOD PATH [BODY]: asks again until the answer has that status (an event
# between two services is on its way)
eventually() {
  local want=$1 seconds=$2; shift 2
  local deadline=$(( $(date +%s) + seconds )) got
  while :; do
    got=$(call "$@")
    [ "$got" = "$want" ] && return 0
    [ "$(date +%s)" -ge "$deadline" ] && fail "$2 $3: expected $want within ${seconds}s, got $got: $(cat "$out")"
    sleep 1
  done
}
field() { jq -r "$1" "$out"; }
# claims TOKEN: the token's payload as JSON
claims() {
  local payload; payload=$(printf '%s' "$1" | cut -d. -f2 | tr '_-' '/+')
  while [ $(( ${#payload} % 4 )) -ne 0 ]; do payload="$payload="; done
  printf '%s' "$payload" | openssl base64 -d -A
}
login() { "$here/token.sh" "$1" "$2" || fail "no token for $1"; }
# the one-time token in the newest link mailed to an address
mailed_token() {
  local link; link=$("$here/mail.sh" last-link "$1") || fail "no email reached $1"
  printf '%s' "$link" | sed -n 's/.*[?&]token=\([^&#]*\).*/\1/p'
}

echo "1. Leila, of Sfax Olive Tech (not a member yet), signs up"
expect 202 - POST /api/identity/sign-ups \
  "{\"email\":\"$contact\",\"displayName\":\"Leila Ben Ali\",\"language\":\"fr\",\"password\":\"$contact_password\"}"
expect 202 - POST /api/identity/sign-ups \
  "{\"email\":\"amina@demo.cluster.coop\",\"displayName\":\"Someone\",\"language\":\"en\",\"password\":\"Whatever-1234-x\"}"
echo "   202, and the same 202 for an email that already has an account (no enumeration)"
token=$(mailed_token "$contact")
[ -n "$token" ] || fail "the confirmation email has no link with a token"
expect 200 - POST /api/identity/sign-ups/confirmation "{\"token\":\"$token\"}"
echo "   she confirms her email from the link she received"
expect 400 - POST /api/identity/sign-ups/confirmation "{\"token\":\"$token\"}"
echo "   the link works once: 400 $(field .title)"
leila=$(login "$contact" "$contact_password")
[ "$(claims "$leila" | jq -r '.member_id // "none"')" = none ] || fail "Leila belongs to an organisation already"
echo "   she logs in: sub $(claims "$leila" | jq -r .sub), no organisation yet"

echo "2. Leila files the membership application herself"
expect 201 "$leila" POST /api/members/applications "$(cat <<JSON
{"legalName":"Sfax Olive Tech $run","registrationNumber":"TN-SOT-$run","country":"TN",
 "sectors":["28.30"],"organisationType":"SME","sizeBand":"MICRO",
 "competences":["olive harvesting robots"],
 "contacts":[{"name":"Leila Ben Ali","role":"CEO","email":"$contact"}],
 "description":"Harvesting robots for olive groves","website":"https://sfax-olive-tech.example"}
JSON
)"
member=$(field .id)
echo "   201: applicant $member"

echo "3. manon (manager) admits it; Leila becomes its admin"
manon=$(login manon demo)
expect 200 "$manon" POST "/api/members/$member/admit" '{"reason":"Complete file"}'
deadline=$(( $(date +%s) + 30 ))
until [ "$(claims "$leila" | jq -r '.member_id // ""')" = "$member" ]; do
  [ "$(date +%s)" -ge "$deadline" ] && fail "Leila's token never carried member $member: $(claims "$leila")"
  sleep 1
  leila=$(login "$contact" "$contact_password")
done
echo "   her next token: member_id $member, roles $(claims "$leila" | jq -c .roles)"

echo "4. Leila invites her colleague Karim"
expect 201 "$leila" POST /api/identity/invitations \
  "{\"email\":\"$colleague\",\"displayName\":\"Karim Haddad\",\"language\":\"fr\",\"memberId\":\"$member\",\"roles\":[\"member\"]}"
echo "   201: invitation $(field .id), expires $(field .expiresAt)"
expect 404 "$leila" POST /api/identity/invitations \
  "{\"email\":\"intruder+$run@example.org\",\"memberId\":\"11111111-1111-4111-8111-111111111111\",\"roles\":[\"member\"]}"
echo "   inviting into Atlas Agritech instead: 404"
token=$(mailed_token "$colleague")
[ -n "$token" ] || fail "the invitation email has no link with a token"
expect 200 - POST /api/identity/invitations/acceptance \
  "{\"token\":\"$token\",\"password\":\"$colleague_password\",\"displayName\":\"Karim Haddad\",\"language\":\"fr\"}"
karim_id=$(field .id)
echo "   Karim sets his password from the emailed link: person $karim_id"
karim=$(login "$colleague" "$colleague_password")
[ "$(claims "$karim" | jq -r .member_id)" = "$member" ] || fail "Karim's token: $(claims "$karim")"
echo "   he logs in: member_id $member, roles $(claims "$karim" | jq -c .roles)"
expect 200 "$leila" GET "/api/identity/people?memberId=$member"
echo "   the organisation's people: $(field '[.content[].email] | join(", ")')"

echo "   Atlas Agritech invites Sfax Olive Tech into a project; Karim accepts for his organisation"
amina=$(login amina demo)
expect 201 "$amina" POST /api/projects "{\"title\":\"Olive harvest robots $run\",\"theme\":\"agritech\",\"description\":\"Robots that harvest olives without bruising them\"}"
project=$(field .id)
expect 200 "$amina" POST "/api/projects/$project/open"
eventually 201 30 "$amina" POST "/api/projects/$project/invitations" "{\"memberId\":\"$member\",\"role\":\"harvesting partner\"}"
invitation=$(field .id)
expect 200 "$karim" POST "/api/invitations/$invitation/accept" '{"message":"With pleasure"}'
echo "   200: invitation $invitation $(field .status)"

echo "5. Leila appoints Karim delegate; he accepts the seat"
expect 422 "$leila" PUT "/api/members/$member/delegate" '{"subject":"dario","name":"Dario"}'
echo "   appointing Dario (of another organisation): 422 $(field .title)"
eventually 202 30 "$leila" PUT "/api/members/$member/delegate" \
  "{\"subject\":\"$karim_id\",\"name\":\"Karim Haddad\",\"email\":\"$colleague\"}"
expect 200 "$karim" POST "/api/members/$member/delegate/acceptance"
deadline=$(( $(date +%s) + 30 ))
until claims "$karim" | jq -e '.roles | index("delegate")' >/dev/null; do
  [ "$(date +%s)" -ge "$deadline" ] && fail "Karim's token never carried the delegate role: $(claims "$karim")"
  sleep 1
  karim=$(login "$colleague" "$colleague_password")
done
echo "   his next token: roles $(claims "$karim" | jq -c .roles)"

echo "6. manon tables a proposal; Karim votes for Sfax Olive Tech"
expect 201 "$manon" POST /api/council/proposals "$(cat <<JSON
{"title":"A thematic group on harvesting robots ($run)","motion":{"kind":"GROUP_CREATION",
 "name":"Harvesting robots $run","description":"Robots for olive groves and orchards","interests":["robotics","olive"]}}
JSON
)"
proposal=$(field .id)
expect 201 "$karim" POST "/api/council/proposals/$proposal/votes" '{"choice":"FOR"}'
echo "   201: tally $(field '.tally | "\(.forVotes) for, \(.against) against, \(.ballots)/\(.electorate) voted"')"

echo "7. Leila removes Karim from the organisation: he loses his seat and his rights"
expect 204 "$leila" DELETE "/api/identity/people/$karim_id/organisation"
eventually 401 30 "$karim" GET "/api/members/$member"
echo "   his next call with the token he holds: 401 $(field .title)"
expect 200 "$manon" GET "/api/identity/audit?personId=$karim_id"
echo "   the audit trail for Karim: $(field '[.content[].type | sub("cluster.identity."; "")] | join(", ")')"
echo "onboarding demo: OK"
