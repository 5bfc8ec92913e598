#!/usr/bin/env bash
# A cooperation project through the gateway, as the demo users would live it, checking every answer: amina (Atlas
# Agritech) starts a project and asks for partner suggestions; she invites three members: Brabant Photonics (bruno)
# accepts, Delta Mecatronique (delphine) declines, a third lets it expire; she drafts the partnership agreement, every
# partner signs it, and the project becomes active; "agreement signed" is on Kafka for finance.
# Needs the platform running with its demo cluster (./platform run) and jq. Usage: scripts/project-demo.sh [gateway]
set -euo pipefail
gateway=${1:-http://localhost:8080}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
command -v jq >/dev/null || { echo "project-demo needs jq (apt-get install -y jq)" >&2; exit 1; }
fail() { echo "FAILED: $*" >&2; exit 1; }
M1=11111111-1111-4111-8111-111111111111   # Atlas Agritech: amina
M2=22222222-2222-4222-8222-222222222222   # Brabant Photonics: bruno
M3=33333333-3333-4333-8333-333333333333   # Delta Mecatronique: delphine
token() { "$here/token.sh" "$1" demo || fail "no token for $1"; }
amina=$(token amina); bruno=$(token bruno); delphine=$(token delphine)
out=/tmp/project-demo.json

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

# the e-mails notification-service sends for this run come after these (step 6)
mail_before_bruno=$("$here/mail.sh" last-id bruno@demo.cluster.coop)
mail_before_amina=$("$here/mail.sh" last-id amina@demo.cluster.coop)

echo "1. amina starts a project for Atlas Agritech and opens it to partners"
expect 201 "$amina" POST /api/projects '{"title":"Olive sorting by vision","theme":"agritech",
  "description":"Optical sorting of olives at the mill, with a robotic line",
  "neededCompetences":["photonics","robotics","mechatronics","olive oil"],
  "neededResources":[{"type":"EQUIPMENT","description":"a pilot sorting line"}]}'
project=$(field .id)
expect 200 "$amina" POST "/api/projects/$project/open"
echo "   project $project: $(field .status)"

echo "2. Partner suggestions, best fit first"
expect 200 "$amina" GET "/api/projects/$project/suggestions?size=5"
field '.content[] | "   \(.score)  \(.legalName): \(.reasons | join("; "))"'
third=$(jq -r --arg a "$M2" --arg b "$M3" '[.content[] | select(.memberId != $a and .memberId != $b)][0].memberId' "$out")
[ -n "$third" ] && [ "$third" != null ] || fail "no third member to invite among the suggestions"

echo "3. amina invites three members"
expect 201 "$amina" POST "/api/projects/$project/invitations" "{\"memberId\":\"$M2\",\"role\":\"optics partner\",\"message\":\"Your sensors would sort our olives\"}"
toBrabant=$(field .id)
expect 201 "$amina" POST "/api/projects/$project/invitations" "{\"memberId\":\"$M3\",\"role\":\"robotics partner\"}"
toDelta=$(field .id)
expect 201 "$amina" POST "/api/projects/$project/invitations" "{\"memberId\":\"$third\",\"role\":\"pilot site\",\"expiresIn\":\"PT15S\"}"
toThird=$(field .id)
expect 409 "$amina" POST "/api/projects/$project/invitations" "{\"memberId\":\"$M2\",\"role\":\"again\"}"
echo "   3 invitations sent; a second one to Brabant: 409 $(field .title)"
expect 200 "$bruno" GET "/api/invitations?status=PENDING"
echo "   bruno's inbox: $(field '.content[0] | "\(.projectTitle) as \(.role)"')"
expect 200 "$bruno" POST "/api/invitations/$toBrabant/accept" '{"message":"Count us in"}'
echo "   bruno accepts: $(field .status)"
expect 409 "$bruno" POST "/api/invitations/$toBrabant/decline"
echo "   bruno answers again: 409 $(field .title)"
expect 200 "$delphine" POST "/api/invitations/$toDelta/decline" '{"message":"Not this year"}'
echo "   delphine declines for Delta: $(field .status)"
for _ in $(seq 1 60); do
  call "$amina" GET "/api/invitations/$toThird" >/dev/null
  [ "$(field .status)" = EXPIRED ] && break
  sleep 1
done
[ "$(field .status)" = EXPIRED ] || fail "the third invitation did not expire: $(cat "$out")"
echo "   the third invitation, unanswered: $(field .status)"

echo "4. amina drafts the partnership agreement; every partner signs; the project becomes active"
expect 200 "$amina" PUT "/api/projects/$project/agreement" "{\"currency\":\"EUR\",\"coordinator\":\"$M1\",
  \"settlementRule\":\"Costs shared pro rata of the contributions\",
  \"contributions\":[{\"memberId\":\"$M1\",\"money\":\"12000.00\",\"inKind\":\"Pilot mill and olives\",\"inKindValue\":\"8000.00\"},
                     {\"memberId\":\"$M2\",\"money\":\"6000.00\",\"inKind\":\"Optical sensors\",\"inKindValue\":\"4500.00\"}],
  \"tasks\":[{\"title\":\"Optical sorting module\",\"responsible\":\"$M2\"},{\"title\":\"Pilot at the mill\",\"responsible\":\"$M1\"}]}"
version=$(field .agreement.content.version)
echo "   version $version, awaiting $(field '.agreement.awaiting | length') signatures"
expect 200 "$bruno" POST "/api/projects/$project/agreement/signatures" "{\"version\":$version}"
echo "   bruno signs: project $(field .status)"
expect 409 "$bruno" POST "/api/projects/$project/agreement/signatures" "{\"version\":$version}"
expect 200 "$amina" POST "/api/projects/$project/agreement/signatures" "{\"version\":$version}"
[ "$(field .status)" = ACTIVE ] || fail "the project is $(field .status) after every signature"
echo "   amina signs: project $(field .status)"

echo "5. The events, read back from Kafka"
"$root/platform" events project.projects --key "$project" 2>/dev/null | grep -v "^platform:" | cut -c1-200 | sed 's/^/   /'
for id in "$toBrabant" "$toDelta" "$toThird"; do
  "$root/platform" events project.invitations --key "$id" 2>/dev/null | grep -v "^platform:" | cut -c1-160 | sed 's/^/   /'
done
"$root/platform" events project.projects --key "$project" --type cluster.project.agreement.signed.v1 2>/dev/null |
  grep -q agreement.signed || fail "no agreement.signed on project.projects"
echo "6. The e-mails the demo caused (notification-service, read from the mail catcher: ./platform mail)"
MAIL_WAIT=60 "$here/mail.sh" last-link bruno@demo.cluster.coop --after "$mail_before_bruno" >/dev/null ||
  fail "bruno got no e-mail about his invitation"
MAIL_WAIT=60 "$here/mail.sh" last-link amina@demo.cluster.coop --after "$mail_before_amina" >/dev/null ||
  fail "amina got no e-mail about the agreement to sign"
for who in bruno:"$mail_before_bruno" amina:"$mail_before_amina"; do
  name=${who%%:*}; after=${who#*:}
  echo "   to $name@demo.cluster.coop:"
  "$here/mail.sh" list "$name@demo.cluster.coop" | awk -v after="$after" '$1 ~ /^#/ { id = substr($1, 2) + 0; if (id > after) print "     " $0 }'
done
echo "Project demo OK"
