#!/usr/bin/env bash
# An exchange event through the gateway, as the demo users would live it, checking every answer: manon (the cluster
# manager) creates a workshop with two places and publishes it; amina (Atlas Agritech) and bruno (Brabant Photonics)
# take the places, delphine (Delta Mecatronique) goes on the waiting list; bruno cancels and delphine moves up;
# manon records who came. Every step is an event on activity.events, read back from Kafka at the end.
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

echo "5. The events, read back from Kafka (./platform events activity.events --key ID)"
"$root/platform" events activity.events --key "$event" 2>/dev/null | grep -v "^platform:" | sed 's/^/   /'
n=$("$root/platform" events activity.events --key "$event" 2>/dev/null | grep -c 'cluster.activity' || true)
[ "$n" -ge 7 ] || fail "expected at least 7 events on activity.events for the workshop, saw $n"
echo "Activity demo OK"
