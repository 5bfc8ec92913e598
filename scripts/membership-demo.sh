#!/usr/bin/env bash
# The membership story through the gateway, as the demo users would live it, checking every answer:
# apply, admit, appoint delegates, table a fee schedule and vote it through with a quorum, grant an exemption by
# resolution, search the directory; then the events each step published, read back from Kafka.
# Needs the platform running with its demo cluster (./platform run). Usage: scripts/membership-demo.sh [gateway-url]
set -euo pipefail
gateway=${1:-http://localhost:8080}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
command -v jq >/dev/null || { echo "membership-demo needs jq (apt-get install -y jq)" >&2; exit 1; }
fail() { echo "FAILED: $*" >&2; exit 1; }
M1=11111111-1111-4111-8111-111111111111   # Atlas Agritech: amina (member), camille (delegate)
M2=22222222-2222-4222-8222-222222222222   # Brabant Photonics: bruno (member), dario (delegate)
token() { "$here/token.sh" "$1" demo || fail "no token for $1"; }
manon=$(token manon); amina=$(token amina); bruno=$(token bruno); farid=$(token farid)
camille=$(token camille); dario=$(token dario); delphine=$(token delphine)
out=/tmp/membership-demo.json

# call TOKEN METHOD PATH [BODY]: prints the status; the body is in $out
call() {
  local args=(-s -o "$out" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" -H 'Accept-Language: en')
  [ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' -d "$4")
  curl "${args[@]}" "$gateway$3"
}
# expect STATUS TOKEN METHOD PATH [BODY]: fails unless the answer has that status
expect() {
  local want=$1; shift
  local got; got=$(call "$@")
  [ "$got" = "$want" ] || fail "$2 $3: expected $want, got $got: $(cat "$out")"
}
field() { jq -r "$1" "$out"; }
# nominate TOKEN MEMBER BODY: expects 202. A delegate must be one of the member's people, which membership learns
# from the identity service's events (identity.people); just after ./platform run they may still be on their way,
# so a 422 delegate-not-a-person-of-member is asked again for up to 30 s.
nominate() {
  local got
  for _ in $(seq 1 60); do
    got=$(call "$1" PUT "/api/members/$2/delegate" "$3")
    [ "$got" = 422 ] && grep -q delegate-not-a-person-of-member "$out" || break
    sleep 0.5
  done
  [ "$got" = 202 ] || fail "PUT /api/members/$2/delegate: expected 202, got $got: $(cat "$out")"
}

year=$(( $(date +%Y) + 1 ))
registration="TN-OASIS-$(date +%s)"
# the e-mails notification-service sends for this run come after these (step 8)
mail_before_delphine=$("$here/mail.sh" last-id delphine@demo.cluster.coop)
mail_before_camille=$("$here/mail.sh" last-id camille@demo.cluster.coop)

echo "1. manon (manager) files the application of Oasis Robotique, Sfax"
expect 201 "$manon" POST /api/members/applications "$(cat <<JSON
{"legalName":"Oasis Robotique","registrationNumber":"$registration","country":"TN",
 "sectors":["28.99","62.01"],"organisationType":"SME","sizeBand":"SMALL",
 "competences":["robotics","olive oil processing","machine vision"],
 "offeredResources":[{"type":"EQUIPMENT","description":"Robotic sorting line for olives"}],
 "contacts":[{"name":"Yasmine Trabelsi","role":"CEO","email":"yasmine@oasis-robotique.example"}],
 "description":"Vision-guided robots for the olive oil mills of Sfax","website":"https://oasis-robotique.example"}
JSON
)"
oasis=$(field .id)
echo "   201: member $oasis, $(field .status)"

echo "2. manon admits it"
expect 200 "$manon" POST "/api/members/$oasis/admit" '{"reason":"Complete file, sponsor: Atlas Agritech"}'
echo "   200: $(field .status)"

echo "3. amina nominates camille as Atlas Agritech's delegate and camille accepts; bruno and dario do the same for Brabant Photonics"
nominate "$amina" "$M1" '{"subject":"camille","name":"Camille","email":"camille@atlas.example"}'
expect 200 "$camille" POST "/api/members/$M1/delegate/acceptance"
nominate "$bruno" "$M2" '{"subject":"dario","name":"Dario","email":"dario@brabant.example"}'
expect 200 "$dario" POST "/api/members/$M2/delegate/acceptance"
expect 404 "$amina" PUT "/api/members/$M2/delegate" '{"subject":"eve","name":"Eve"}'
echo "   nominated (202), accepted (200); amina cannot name Brabant's delegate: 404"
expect 422 "$amina" PUT "/api/members/$M1/delegate" '{"subject":"dario","name":"Dario"}'
echo "   nor name Brabant's dario for Atlas: 422 $(field .title)"
expect 200 "$manon" GET /api/council/seats
seats=$(field 'length')
echo "   the council has $seats seats: $(field '[.[].delegateSubject] | join(", ")')"

echo "4. manon tables the $year fee schedule; the council votes it through"
expect 201 "$manon" POST /api/council/proposals "$(cat <<JSON
{"title":"Membership fees $year","motion":{"kind":"FEE_SCHEDULE","feeYear":$year,"currency":"EUR",
 "amounts":{"SME":"450.00","LARGE_COMPANY":"1500.00","RESEARCH":"300.00","EDUCATION":"300.00",
            "ASSOCIATION":"150.00","PUBLIC_BODY":"0.00"}}}
JSON
)"
fees=$(field .id)
echo "   201: proposal $fees, electorate $(field .tally.electorate), quorum $(field .rules.quorumPercent)%, majority $(field .rules.majority)"
expect 201 "$camille" POST "/api/council/proposals/$fees/votes" '{"choice":"FOR"}'
echo "   camille votes FOR"
expect 409 "$camille" POST "/api/council/proposals/$fees/votes" '{"choice":"AGAINST"}'
echo "   camille votes again: 409 $(field .title)"
expect 201 "$dario" POST "/api/council/proposals/$fees/votes" '{"choice":"AGAINST"}'
expect 200 "$dario" PUT "/api/council/proposals/$fees/votes/mine" '{"choice":"FOR"}'
echo "   dario votes AGAINST, then changes to FOR: tally $(field '.tally | "\(.forVotes) for, \(.against) against, \(.ballots)/\(.electorate) voted"')"
for voter in delphine; do
  expect 201 "${!voter}" POST "/api/council/proposals/$fees/votes" '{"choice":"FOR"}'
done
[ "$(field .status)" = ADOPTED ] || fail "the fee schedule is $(field .status) after every seat voted"
echo "   delphine votes FOR: every seat has voted, $(field .status) ($(field .outcome.reason), early: $(field .outcome.early))"
expect 409 "$delphine" PUT "/api/council/proposals/$fees/votes/mine" '{"choice":"AGAINST"}'
echo "   a vote on the closed proposal: 409 $(field .title)"
expect 200 "$bruno" GET "/api/council/fee-schedules/$year"
echo "   bruno reads the schedule in force: $(field '.amounts | to_entries | map("\(.key) \(.value)") | join(", ")') $(field .currency)"

echo "5. camille tables a 50% exemption for Oasis Robotique in $year; the council grants it"
expect 400 "$camille" POST /api/council/proposals "{\"title\":\"x\",\"motion\":{\"kind\":\"FEE_EXEMPTION\",\"memberId\":\"$oasis\",\"extent\":\"PARTIAL\",\"percent\":100,\"reason\":\"r\",\"validFrom\":\"$year-01-01\",\"validUntil\":\"$year-12-31\"}}"
echo "   a PARTIAL exemption of 100%: 400 $(field .title)"
expect 201 "$camille" POST /api/council/proposals "$(cat <<JSON
{"title":"Half fee for Oasis Robotique in $year","motion":{"kind":"FEE_EXEMPTION","memberId":"$oasis",
 "extent":"PARTIAL","percent":"50","reason":"Start-up in its first year of membership",
 "validFrom":"$year-01-01","validUntil":"$year-12-31"}}
JSON
)"
exemption=$(field .id)
for voter in camille dario delphine; do
  expect 201 "${!voter}" POST "/api/council/proposals/$exemption/votes" '{"choice":"FOR"}'
done
[ "$(field .status)" = ADOPTED ] || fail "the exemption is $(field .status)"
expect 200 "$farid" GET "/api/council/exemptions?member=$oasis"
echo "   $(field '.content[0] | "granted: \(.extent) \(.percent)% from \(.validFrom) to \(.validUntil), \(.reason)"')"

echo "6. amina searches the directory"
for _ in $(seq 1 50); do
  code=$(call "$amina" GET "/api/directory?q=olive+robots&region=TN")
  [ "$code" = 200 ] && [ "$(jq -r --arg id "$oasis" '[.content[].id] | index($id) != null' "$out")" = true ] && break
  sleep 0.2
done
[ "$(jq -r --arg id "$oasis" '[.content[].id] | index($id) != null' "$out")" = true ] ||
  fail "the directory does not find Oasis Robotique: $(cat "$out")"
echo "   q=olive robots, region=TN: $(field .totalElements) hit(s), ours: $(jq -r --arg id "$oasis" '.content[] | select(.id == $id) | "\(.legalName), contact \(.contacts[0].name) <\(.contacts[0].email)>"' "$out")"
expect 200 "$amina" GET "/api/directory?competence=machine+vision&sector=C28"
echo "   competence=machine vision, sector=C28: $(field '"\(.totalElements) hit(s): " + ([.content[:5][].legalName] | join(", "))')"
expect 403 "$farid" GET "/api/directory?q=robots"
echo "   farid (finance) is not a member: 403"

echo "7. The events, read back from Kafka (./platform events TOPIC --key ID)"
"$root/platform" events membership.members --key "$oasis" 2>/dev/null | grep -v "^platform:" | sed 's/^/   /'
"$root/platform" events membership.council --key "$fees" 2>/dev/null | grep -v "^platform:" | sed 's/^/   /'
"$root/platform" events membership.council --key "$exemption" 2>/dev/null | grep -v "^platform:" | sed 's/^/   /'
n=$("$root/platform" events membership.council --key "$fees" 2>/dev/null | grep -c 'cluster.membership' || true)
[ "$n" -ge 3 ] || fail "expected tabled, adopted and fee-schedule.adopted on membership.council, saw $n"
echo "8. The e-mails the demo caused (notification-service, read from the mail catcher: ./platform mail)"
MAIL_WAIT=60 "$here/mail.sh" last-link delphine@demo.cluster.coop --after "$mail_before_delphine" >/dev/null ||
  fail "delphine (a delegate) got no e-mail about the votes"
for who in delphine:"$mail_before_delphine" camille:"$mail_before_camille"; do
  name=${who%%:*}; after=${who#*:}
  echo "   to $name@demo.cluster.coop:"
  "$here/mail.sh" list "$name@demo.cluster.coop" | awk -v after="$after" '$1 ~ /^#/ { id = substr($1, 2) + 0; if (id > after) print "     " $0 }'
done
echo "Membership demo OK"
