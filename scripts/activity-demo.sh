#!/usr/bin/env bash
# An exchange event through the gateway, as the demo users would live it, checking every answer: manon (the cluster
# manager) creates a workshop with two places and publishes it; amina (Atlas Agritech) and bruno (Brabant Photonics)
# take the places, delphine (Delta Mecatronique) goes on the waiting list; bruno cancels and delphine moves up;
# manon records who came. Then a B2B session: amina, bruno and delphine say what they offer and seek, ask one another
# for meetings, accept or decline, and manon runs the schedule: each gets an agenda without clashes. Every step is an
# event on activity.events, read back from Kafka at the end.
# Needs the platform running with its demo cluster (./platform run) and jq. Usage: scripts/activity-demo.sh [gateway]
set -euo pipefail
gateway=${1:-http://localhost:8080}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
command -v jq >/dev/null || { echo "activity-demo needs jq (apt-get install -y jq)" >&2; exit 1; }
fail() { echo "FAILED: $*" >&2; exit 1; }
token() { "$here/token.sh" "$1" demo || fail "no token for $1"; }
manon=$(token manon); amina=$(token amina); bruno=$(token bruno); delphine=$(token delphine); farid=$(token farid)
out=/tmp/activity-demo.json

call() {
  local args=(-s -o "$out" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" -H 'Accept-Language: en')
  [ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' -d "$4")
  curl "${args[@]}" "$gateway$3"
}
expect() {
  local want=$1; shift
  local got; got=$(call "$@")
  [ "$got" = "$want" ] || fail "$2 $3: expected $want, got $got: $(cat "$out")"
}
field() { jq -r "$1" "$out"; }

# the e-mails notification-service sends for this run come after this one (step 7)
mail_before_delphine=$("$here/mail.sh" last-id delphine@demo.cluster.coop)

# the workshop starts within the hour, so that attendance may be recorded today (from 12 h before the start)
starts=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:00Z)
ends=$(date -u -d '+3 hours' +%Y-%m-%dT%H:%M:00Z)

echo "1. manon creates a workshop with two places and publishes it"
expect 201 "$manon" POST /api/activity/events "{\"kind\":\"WORKSHOP\",
  \"titleFr\":\"Atelier : la vision industrielle au moulin\",\"titleEn\":\"Workshop: machine vision at the mill\",
  \"descriptionFr\":\"Retours d'expérience et démonstration\",\"descriptionEn\":\"Lessons learnt and a demonstration\",
  \"place\":\"Technopole de Sfax, salle 2\",\"startsAt\":\"$starts\",\"endsAt\":\"$ends\",\"capacity\":2,
  \"waitingListCap\":5,\"audience\":\"ALL_MEMBERS\"}"
event=$(field .id)
echo "   event $event: $(field .state), $(field .capacity) places"
expect 404 "$amina" GET "/api/activity/events/$event"
echo "   a draft is not shown to members: 404"
expect 200 "$manon" POST "/api/activity/events/$event/publish"
echo "   $(field .state)"
expect 403 "$farid" POST /api/activity/events '{"kind":"WORKSHOP"}'
echo "   farid (finance) may not create events: 403"

echo "2. Three members' people register for two places"
expect 201 "$amina" POST "/api/activity/events/$event/registrations"
echo "   amina: $(field .status)"
expect 201 "$bruno" POST "/api/activity/events/$event/registrations"
byBruno=$(field .registrationId)
echo "   bruno: $(field .status)"
expect 201 "$delphine" POST "/api/activity/events/$event/registrations"
[ "$(field .status)" = WAITLISTED ] || fail "delphine should be on the waiting list: $(cat "$out")"
echo "   delphine: $(field .status), position $(field .position)"
expect 409 "$amina" POST "/api/activity/events/$event/registrations"
echo "   amina again: 409 $(field .title)"

echo "3. bruno cancels; delphine moves up"
expect 204 "$bruno" POST "/api/activity/events/$event/registrations/$byBruno/cancel"
expect 200 "$delphine" GET /api/activity/registrations/mine
mine=$(jq -r --arg e "$event" '[(if type == "array" then . else .content end)[] | select(.eventId == $e)][0].status' "$out")
[ "$mine" = CONFIRMED ] || fail "delphine should be confirmed after bruno's cancellation: $(cat "$out")"
echo "   delphine: $mine"

echo "4. On the day, manon records who came"
expect 200 "$manon" GET "/api/activity/events/$event/registrations"
[ "$(field '.confirmed | length')" = 2 ] && [ "$(field '.waiting | length')" = 0 ] ||
  fail "expected two confirmed and nobody waiting: $(cat "$out")"
came=$(jq -c '[.confirmed[].registrationId]' "$out")
expect 200 "$manon" POST "/api/activity/events/$event/attendance" "{\"registrationIds\":$came}"
echo "   attended: $(field '[.confirmed[] | select(.attendedAt != null)] | length') of $(field '.confirmed | length')"
expect 200 "$manon" GET "/api/activity/events/$event"
echo "   the event is now $(field .state)"

echo "5. A B2B session tomorrow morning: three members' people meet one another"
day=$(date -u -d '+1 day' +%Y-%m-%d)
expect 201 "$manon" POST /api/activity/events "{\"kind\":\"B2B_SESSION\",
  \"titleFr\":\"Rendez-vous d'affaires agritech\",\"titleEn\":\"Agritech business meetings\",
  \"place\":\"Technopole de Sfax, hall B\",\"startsAt\":\"${day}T08:00:00Z\",\"endsAt\":\"${day}T12:00:00Z\",
  \"capacity\":20,\"audience\":\"ALL_MEMBERS\"}"
b2b=$(field .id)
expect 200 "$manon" POST "/api/activity/events/$b2b/publish"
expect 200 "$manon" PUT "/api/activity/events/$b2b/b2b" "{\"startsAt\":\"${day}T08:30:00Z\",
  \"endsAt\":\"${day}T10:30:00Z\",\"slotMinutes\":20,\"tables\":5,
  \"breaks\":[{\"startsAt\":\"${day}T09:30:00Z\",\"endsAt\":\"${day}T09:40:00Z\"}]}"
echo "   session: $(field '.slots | length') slots of 20 minutes, $(field .tables) tables"
for who in "$amina" "$bruno" "$delphine"; do
  expect 201 "$who" POST "/api/activity/events/$b2b/registrations"
done
expect 200 "$amina" PUT "/api/activity/events/$b2b/b2b/participants/me" \
  '{"offers":"olive harvest data, pilot orchards","seeks":"machine vision sorting, robotics"}'
expect 200 "$bruno" PUT "/api/activity/events/$b2b/b2b/participants/me" \
  '{"offers":"machine vision sorting, optical sensors","seeks":"pilot orchards"}'
expect 200 "$delphine" PUT "/api/activity/events/$b2b/b2b/participants/me" \
  '{"offers":"robotics, mechatronics","seeks":"olive harvest data"}'
expect 200 "$amina" GET "/api/activity/events/$b2b/b2b/suggestions?limit=5"
echo "   suggested to amina: $(jq -r '[(if type == "array" then . else (.content // .suggestions) end)[] | .personId] | join(", ")' "$out")"
expect 201 "$amina" POST "/api/activity/events/$b2b/b2b/requests" '{"with":"bruno"}'
expect 200 "$bruno" POST "/api/activity/events/$b2b/b2b/requests" '{"with":"amina"}'
echo "   amina asks bruno, bruno asks amina: $(field .state), mutual $(field .mutual)"
expect 201 "$amina" POST "/api/activity/events/$b2b/b2b/requests" '{"with":"delphine"}'
toDelphine=$(field .requestId)
expect 200 "$delphine" POST "/api/activity/events/$b2b/b2b/requests/$toDelphine/accept"
expect 201 "$bruno" POST "/api/activity/events/$b2b/b2b/requests" '{"with":"delphine"}'
toDelphineToo=$(field .requestId)
expect 200 "$delphine" POST "/api/activity/events/$b2b/b2b/requests/$toDelphineToo/decline"
echo "   delphine accepts amina's request and declines bruno's"
expect 200 "$manon" POST "/api/activity/events/$b2b/b2b/schedule"
echo "   schedule run $(field .run)"
expect 200 "$amina" GET "/api/activity/events/$b2b/b2b/agenda/mine"
field '.meetings[] | "   amina at \(.startsAt), table \(.table): \(.withPersonId)"'
[ "$(field '.meetings | length')" = 2 ] || fail "amina should meet bruno and delphine: $(cat "$out")"
[ "$(field '[.meetings[].slot] | unique | length')" = 2 ] || fail "amina's two meetings share a slot: $(cat "$out")"

echo "6. The events, read back from Kafka (./platform events activity.events --key ID)"
"$root/platform" events activity.events --key "$event" 2>/dev/null | grep -v "^platform:" | sed 's/^/   /'
n=$("$root/platform" events activity.events --key "$event" 2>/dev/null | grep -c 'cluster.activity' || true)
[ "$n" -ge 7 ] || fail "expected at least 7 events on activity.events for the workshop, saw $n"
"$root/platform" events activity.events --key "$b2b" --type cluster.activity.meeting.scheduled.v1 2>/dev/null |
  grep -v "^platform:" | sed 's/^/   /'
echo "7. delphine's e-mail: a place for her (essential: sent at once, whatever her choices)"
for _ in $(seq 1 30); do
  promoted=$("$here/mail.sh" list delphine@demo.cluster.coop |
    awk -v after="$mail_before_delphine" '$1 ~ /^#/ && substr($1, 2) + 0 > after && /Une place pour vous/')
  [ -n "$promoted" ] && break
  sleep 2
done
[ -n "$promoted" ] || fail "delphine got no e-mail about her place"
echo "   $promoted"
echo "Activity demo OK"
