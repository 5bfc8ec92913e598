#!/usr/bin/env bash
# The lead member's finances through the gateway, as the demo users would live them, checking every answer:
# the council adopts this year's fee schedule (with its rule for members admitted late in the year) and grants a new
# member a 50% exemption for this year; the member is admitted and finance invoices it half the fee the rule asks
# (the whole year's, or the months left: any day of the year, December included); finance records its payment; a
# donation funds the bank; farid submits an expense, fatou approves it (farid may not) and pays it; a signed project
# agreement opens the project's budget and a partner's contribution is received; an in-kind contribution is
# recorded; the last month is closed, sealed and verified; the public report shows it all, in English and French, as
# HTML, CSV and PDF.
# Needs the platform running with its demo cluster (./platform run) and jq. Usage: scripts/finance-demo.sh [gateway]
# Variables: GATEWAY (or the argument; default http://localhost:8080), ISSUER (scripts/token.sh; default
# http://localhost:9000), KAFKA (the broker for ./platform events; default 127.0.0.1:9092). A platform started with
# ./platform run --port-offset 300: GATEWAY=http://localhost:8380 ISSUER=http://localhost:9300 KAFKA=127.0.0.1:9392.
# It passes on any day of the year (acceptance testing found it failing in December).
set -euo pipefail
gateway=${1:-${GATEWAY:-http://localhost:8080}}
kafka=${KAFKA:-127.0.0.1:9092}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
command -v jq >/dev/null || { echo "finance-demo needs jq (apt-get install -y jq)" >&2; exit 1; }
fail() { echo "FAILED: $*" >&2; exit 1; }
M1=11111111-1111-4111-8111-111111111111   # Atlas Agritech: amina (member), camille (delegate)
M2=22222222-2222-4222-8222-222222222222   # Brabant Photonics: bruno (member), dario (delegate)
token() { "$here/token.sh" "$1" demo || fail "no token for $1"; }
manon=$(token manon); amina=$(token amina); bruno=$(token bruno); farid=$(token farid); fatou=$(token fatou)
camille=$(token camille); dario=$(token dario); delphine=$(token delphine)
out=/tmp/finance-demo.json
run=$(date +%s)

# call TOKEN METHOD PATH [BODY [EXTRA-HEADER]]: prints the status; the body is in $out
call() {
  local args=(-s -o "$out" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" -H "Accept-Language: ${LANG_HEADER:-en}")
  [ $# -ge 4 ] && [ -n "$4" ] && args+=(-H 'Content-Type: application/json' -d "$4")
  [ $# -ge 5 ] && args+=(-H "$5")
  curl "${args[@]}" "$gateway$3"
}
# expect STATUS TOKEN METHOD PATH [BODY [EXTRA-HEADER]]: fails unless the answer has that status
expect() {
  local want=$1; shift
  local got; got=$(call "$@")
  [ "$got" = "$want" ] || fail "$2 $3: expected $want, got $got: $(cat "$out")"
}
field() { jq -r "$1" "$out"; }
# until TOKEN PATH JQ-CONDITION: polls a GET (up to 30 s) until the condition holds on its 200 answer
until_ok() {
  for _ in $(seq 1 150); do
    if [ "$(call "$1" GET "$2")" = 200 ] && [ "$(jq -r "$3" "$out" 2>/dev/null)" = true ]; then return 0; fi
    sleep 0.2
  done
  fail "GET $2 never satisfied $3: $(cat "$out")"
}
balance() { jq -r --arg code "$1" '[.accounts[] | select(.code == $code) | .total][0] // "0.00"' "$out"; }

year=$(date +%Y)
month=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)      # the last month, ended: it can be closed
expect 200 "$farid" GET "/api/finance/periods/$month"
if [ "$(field .status)" = OPEN ]; then
  day="$month-15"                                     # money dated in the last month, then the month is closed
else
  day=$(date +%Y-%m-%d)                               # the last month was closed by an earlier run: today
fi

echo "1. The council adopts the $year fee schedule and grants Oasis Robotique a 50% exemption; manon admits it"
expect 202 "$amina" PUT "/api/members/$M1/delegate" '{"subject":"camille","name":"Camille","email":"camille@atlas.example"}'
expect 200 "$camille" POST "/api/members/$M1/delegate/acceptance"
expect 202 "$bruno" PUT "/api/members/$M2/delegate" '{"subject":"dario","name":"Dario","email":"dario@brabant.example"}'
expect 200 "$dario" POST "/api/members/$M2/delegate/acceptance"
vote_through() {
  local proposal=$1
  for voter in camille dario delphine; do
    expect 201 "${!voter}" POST "/api/council/proposals/$proposal/votes" '{"choice":"FOR"}'
  done
  [ "$(field .status)" = ADOPTED ] || fail "proposal $proposal is $(field .status)"
}
if [ "$(call "$farid" GET /api/finance/fees/schedules)" = 200 ] &&
   [ "$(jq -r --argjson y "$year" '[.[] | select(.feeYear == $y)] | length' "$out")" -gt 0 ]; then
  echo "   finance already holds the $year schedule: $(jq -r --argjson y "$year" '[.[] | select(.feeYear == $y)][0].amounts.SME' "$out") EUR for an SME"
else
  expect 201 "$manon" POST /api/council/proposals "{\"title\":\"Membership fees $year\",\"motion\":{\"kind\":\"FEE_SCHEDULE\",
    \"feeYear\":$year,\"currency\":\"EUR\",\"amounts\":{\"SME\":\"450.00\",\"LARGE_COMPANY\":\"1500.00\",\"RESEARCH\":\"300.00\",
    \"EDUCATION\":\"300.00\",\"ASSOCIATION\":\"150.00\",\"PUBLIC_BODY\":\"0.00\"},\"lateAdmission\":\"PRO_RATA_MONTHS\"}}"
  vote_through "$(field .id)"
  echo "   fee schedule $year adopted: SME 450.00 EUR; a member admitted late in the year pays the months left"
fi
expect 201 "$manon" POST /api/members/applications "{\"legalName\":\"Oasis Robotique $run\",\"registrationNumber\":\"TN-OASIS-$run\",
  \"country\":\"TN\",\"sectors\":[\"28.99\"],\"organisationType\":\"SME\",\"sizeBand\":\"SMALL\",\"competences\":[\"robotics\"],
  \"contacts\":[{\"name\":\"Yasmine Trabelsi\",\"role\":\"CEO\",\"email\":\"yasmine@oasis-robotique.example\"}],
  \"description\":\"Vision-guided robots for the olive oil mills of Sfax\"}"
oasis=$(field .id)
expect 201 "$camille" POST /api/council/proposals "{\"title\":\"Half fee for Oasis Robotique in $year\",\"motion\":{
  \"kind\":\"FEE_EXEMPTION\",\"memberId\":\"$oasis\",\"extent\":\"PARTIAL\",\"percent\":\"50\",
  \"reason\":\"Start-up in its first year of membership\",\"validFrom\":\"$year-01-01\",\"validUntil\":\"$year-12-31\"}}"
vote_through "$(field .id)"
echo "   exemption granted: 50% for member $oasis"
sleep 1   # the exemption reaches finance through membership.council
expect 200 "$manon" POST "/api/members/$oasis/admit" '{"reason":"Complete file"}'
echo "   admitted: $(field .status)"
until_ok "$farid" "/api/finance/member-accounts/$oasis" '.status == "ACTIVE"'
echo "   finance's member account follows: $(field .status)"

echo "2. Finance invoices the member half its fee; the member pays"
until_ok "$farid" "/api/finance/fees/invoices?memberId=$oasis&feeYear=$year" '.content | length == 1'
invoice=$(field '.content[0].id')
gross=$(field '.content[0].grossAmount')
net=$(field '.content[0].amount')
if [ "$(field '.content[0].lateAdmission')" != null ]; then
  echo "   admitted after the fee year began: $(field '.content[0].lateAdmission.rule'), $(field '.content[0].lateAdmission.months') month(s) of $(field '.content[0].lateAdmission.scheduledAmount')"
fi
echo "   invoice $invoice: gross $gross, exemption $(field '.content[0].exemption.percent')% = $(field '.content[0].exemption.amount'), due $net $(field '.content[0].currency') by $(field '.content[0].dueDate')"
percent=$(field '.content[0].exemption.percent')
resolution=$(field '.content[0].exemption.resolutionId')
# the fee the schedule's rule asks (a month of the fee year runs from its first day: calendar months here), halved
sme=$( [ "$(call "$farid" GET /api/finance/fees/schedules)" = 200 ] && jq -r --argjson y "$year" '[.[] | select(.feeYear == $y)][0].amounts.SME' "$out")
rule=$(jq -r --argjson y "$year" '[.[] | select(.feeYear == $y)][0].lateAdmission' "$out")
months=$((13 - 10#$(date -u +%m)))
expected_gross=$(jq -rn --arg sme "$sme" --arg rule "$rule" --argjson m "$months" --arg jan "$(date -u +%m-%d)" '
  ($sme | tonumber) as $fee | if $jan == "01-01" or $rule == "FULL_YEAR" then $fee
  elif $rule == "FREE_UNTIL_NEXT_YEAR" then 0 else ($fee * $m * 100 / 12 + 0.5 | floor) / 100 end')
[ "$(jq -rn --arg g "$gross" --argjson e "$expected_gross" '($g | tonumber) == $e')" = true ] ||
  fail "the invoice's gross $gross is not what the schedule's rule ($rule, $months month(s) of $sme) asks: $(cat "$out")"
[ "$percent" = 50.00 ] && [ "$resolution" != null ] &&
  [ "$(jq -rn --arg g "$gross" --arg n "$net" '(($g | tonumber) - ($n | tonumber)) * 100 | round == (($g | tonumber) * 50 + 0.5 | floor)')" = true ] ||
  fail "the invoice is not half the fee: gross $gross, $percent% by $resolution, due $net"
echo "   half of $gross: $net"
expect 201 "$farid" POST "/api/finance/fees/invoices/$invoice/payments" \
  "{\"amount\":\"$net\",\"currency\":\"EUR\",\"paidOn\":\"$(date +%Y-%m-%d)\",\"reference\":\"VIR-OASIS-$run\"}" \
  "Idempotency-Key: pay-$invoice"
echo "   payment recorded: status $(field .status), due $(field .amountDue)"
expect 200 "$farid" POST "/api/finance/fees/invoices/$invoice/payments" \
  "{\"amount\":\"$net\",\"currency\":\"EUR\",\"paidOn\":\"$(date +%Y-%m-%d)\",\"reference\":\"VIR-OASIS-$run\"}" \
  "Idempotency-Key: pay-$invoice"
echo "   the same payment sent again: 200, recorded once"
expect 200 "$farid" GET "/api/finance/fees/invoices?status=OVERDUE&size=1"
echo "   overdue fees (unpaid, past due date and grace): $(field .totalElements); finance chases them with POST /api/finance/fees/overdue-runs"

echo "3. A donation funds the bank; farid submits an expense, fatou approves it and pays it"
expect 201 "$farid" POST /api/finance/donations "{\"amount\":\"2000.00\",\"currency\":\"EUR\",\"date\":\"$day\",
  \"source\":{\"id\":\"fondation-sfax\",\"name\":\"Fondation Sfax Innovation\"},\"description\":\"Support for the mentoring programme\"}" \
  "Idempotency-Key: donation-$run"
echo "   donation of 2000.00 EUR from Fondation Sfax Innovation: entry $(field .sequence)"
expect 201 "$farid" POST /api/finance/expenses "{\"category\":\"LEGAL\",\"amount\":\"480.00\",\"currency\":\"EUR\",
  \"receiptReference\":\"INV-2026-117\",\"payee\":{\"name\":\"Cabinet Benali Avocats\"},\"description\":\"Statutes review\"}"
expense=$(field .id)
expect 403 "$farid" POST "/api/finance/expenses/$expense/approval" "{\"date\":\"$day\"}"
echo "   farid approves his own expense: 403 $(field .title)"
expect 200 "$fatou" POST "/api/finance/expenses/$expense/approval" "{\"date\":\"$day\"}"
echo "   fatou approves it: $(field .state)"
expect 200 "$fatou" POST "/api/finance/expenses/$expense/payment" "{\"date\":\"$day\",\"reference\":\"VIR-BENALI-$run\"}"
echo "   fatou pays it: $(field .state)"

echo "4. A signed project agreement opens the project's budget; a partner's contribution comes in"
expect 201 "$amina" POST /api/projects "{\"title\":\"Solar drying of dates $run\",\"theme\":\"agritech\",
  \"description\":\"Solar dryers for date growers\",\"neededCompetences\":[\"photonics\"]}"
project=$(field .id)
expect 200 "$amina" POST "/api/projects/$project/open"
expect 201 "$amina" POST "/api/projects/$project/invitations" "{\"memberId\":\"$M2\",\"role\":\"optics partner\"}"
invitation=$(field .id)
expect 200 "$bruno" POST "/api/invitations/$invitation/accept" '{"message":"Count us in"}'
expect 200 "$amina" PUT "/api/projects/$project/agreement" "{\"currency\":\"EUR\",\"coordinator\":\"$M1\",
  \"settlementRule\":\"Costs shared pro rata of the contributions\",
  \"contributions\":[{\"memberId\":\"$M1\",\"money\":\"6000.00\"},{\"memberId\":\"$M2\",\"money\":\"4000.00\",\"inKind\":\"Optical sensors\",\"inKindValue\":\"1500.00\"}],
  \"tasks\":[{\"title\":\"Dryer prototype\",\"responsible\":\"$M1\"}]}"
version=$(field .agreement.content.version)
expect 200 "$bruno" POST "/api/projects/$project/agreement/signatures" "{\"version\":$version}"
expect 200 "$amina" POST "/api/projects/$project/agreement/signatures" "{\"version\":$version}"
echo "   project $project signed by both partners: $(field .status)"
until_ok "$farid" "/api/finance/projects/$project/budget" '.pledged == "10000.00"'
echo "   budget opened: pledged $(field .pledged) EUR ($(field '[.partners[] | "\(.memberId[0:8]) \(.pledged)"] | join(", ")'))"
expect 201 "$farid" POST "/api/finance/projects/$project/contributions" \
  "{\"partnerId\":\"$M2\",\"amount\":\"1500.00\",\"currency\":\"EUR\",\"date\":\"$day\",\"reference\":\"VIR-BRABANT-$run\"}" \
  "Idempotency-Key: contribution-$run"
expect 200 "$manon" GET "/api/finance/projects/$project/budget"
echo "   Brabant's first 1500.00 received: received $(field .received), outstanding $(field .outstanding) (manon reads it)"

echo "5. An in-kind contribution is recorded at its declared value, as a memo"
expect 201 "$farid" POST /api/finance/in-kind "{\"value\":\"800.00\",\"currency\":\"EUR\",\"date\":\"$day\",\"memberId\":\"$M1\",
  \"description\":\"Meeting rooms for the council, a year\",\"valuationBasis\":\"Market rent of comparable rooms\"}" \
  "Idempotency-Key: inkind-$run"
echo "   800.00 EUR of meeting rooms from Atlas Agritech"
expect 200 "$manon" GET /api/finance/ledger/balances
echo "   balances: bank $(balance 1000), fees $(balance 4000), donations $(balance 4100), legal $(balance 6200), in-kind memo $(balance 9000); trial balance $(field '.trialBalance | tostring')"

echo "6. The last month, $month, is closed and sealed; the seal chain verifies"
code=$(call "$farid" POST "/api/finance/periods/$month/close")
[ "$code" = 201 ] || [ "$code" = 200 ] || [ "$code" = 409 ] || fail "closing $month: $code $(cat "$out")"
expect 200 "$farid" GET "/api/finance/periods/$month"
echo "   $month: $(field .status), $(field 'if .seal then "seal \(.seal.hash[0:16])..., \(.seal.entryCount) entries sealed" else "within the closing of \(.coveredBy)" end')"
LANG_HEADER=fr expect 422 "$farid" POST /api/finance/ledger/entries "{\"idempotencyKey\":\"late-$run\",\"date\":\"$month-20\",
  \"description\":\"Late bank fee\",\"postings\":[{\"account\":\"6300\",\"side\":\"DEBIT\",\"amount\":\"5.00\",\"currency\":\"EUR\"},
  {\"account\":\"1000\",\"side\":\"CREDIT\",\"amount\":\"5.00\",\"currency\":\"EUR\"}]}"
echo "   an entry dated in $month now: 422 « $(field .title) »"
expect 200 "$manon" GET /api/finance/periods/verify
[ "$(field .valid)" = true ] || fail "the seal chain does not verify: $(cat "$out")"
echo "   verify: valid, $(field .periodsChecked) period(s) checked"

echo "7. The public reports: $month sealed and published; $(date +%Y-%m) as a draft; in English and French"
until_ok "$amina" "/api/finance/reports?size=50" 'true'
code=$(call "$farid" POST "/api/finance/reports/$month/publication")
[ "$code" = 201 ] || [ "$code" = 200 ] || fail "publishing $month: $code $(cat "$out")"
echo "   farid publishes $month: $code, revision $(field .revision), sealed $(field .seal.sealed) ($(field '.seal.hash[0:16]')...)"
[ "$(field .seal.sealed)" = true ] || fail "the $month report is not sealed: $(cat "$out")"
expect 200 "$amina" GET "/api/finance/reports/$month"
echo "   amina (member) reads it: income $(field .balance.income), expenses $(field .balance.expenses), bank $(field .balance.bankOpening) -> $(field .balance.bankClosing)"
echo "   donations: $(field '[.income.donations[] | "\(.key) \(.amount)"] | join(", ")'); expenses: $(field '[.expenses.categories[] | select(.amount != "0.00") | "\(.category) \(.amount)"] | join(", ")')"
echo "   projects: $(field '[.projects[] | "\(.title // .project[0:8]) pledged \(.pledged // "(no budget line for the period)"), received \(.received)"] | join("; ")'); in kind: $(field .inKind.total)"
this=$(date +%Y-%m)
expect 200 "$manon" GET "/api/finance/reports/$this"
echo "   manon reads the $this draft: membership fees $(field .income.membershipFees), status $(field .status)"
expect 404 "$amina" GET "/api/finance/reports/$this"
echo "   a draft is not public: amina gets 404"
for lang in en fr; do
  code=$(curl -s -o "/tmp/finance-report-$lang.html" -w '%{http_code}' -H "Authorization: Bearer $amina" \
    "$gateway/api/finance/reports/$month?format=html&lang=$lang")
  [ "$code" = 200 ] || fail "the $lang HTML report: $code"
  echo "   HTML ($lang): /tmp/finance-report-$lang.html, title « $(grep -o '<title>[^<]*' "/tmp/finance-report-$lang.html" | sed 's/<title>//') »"
done
for lang in en fr; do
  code=$(curl -s -o "/tmp/finance-report-$lang.pdf" -w '%{http_code}' -H "Authorization: Bearer $amina" \
    -H 'Accept: application/pdf' "$gateway/api/finance/reports/$month?lang=$lang")
  [ "$code" = 200 ] && [ "$(head -c 5 "/tmp/finance-report-$lang.pdf")" = "%PDF-" ] || fail "the $lang PDF report: $code"
  echo "   PDF ($lang), to print and sign: /tmp/finance-report-$lang.pdf, $(wc -c < "/tmp/finance-report-$lang.pdf") bytes"
done
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $amina" -H 'Accept: text/xml' \
  "$gateway/api/finance/reports/$month")
[ "$code" = 406 ] || fail "a format not offered: expected 406, got $code"
echo "   Accept: text/xml: 406, not offered"
code=$(curl -s -o /tmp/finance-report.csv -w '%{http_code}' -H "Authorization: Bearer $amina" \
  "$gateway/api/finance/reports/$month?format=csv&lang=fr")
[ "$code" = 200 ] || fail "the CSV report: $code"
echo "   CSV: /tmp/finance-report.csv, $(wc -l < /tmp/finance-report.csv) lines"

echo "8. The events, read back from Kafka"
"$root/platform" events finance.fees --key "$invoice" --bootstrap "$kafka" 2>/dev/null | grep -v "^platform:" | cut -c1-160 | sed 's/^/   /'
"$root/platform" events finance.ledger --key "$month" --bootstrap "$kafka" 2>/dev/null | grep -v "^platform:" | cut -c1-160 | sed 's/^/   /'
"$root/platform" events finance.reports --key "$month" --bootstrap "$kafka" 2>/dev/null | grep -v "^platform:" | cut -c1-160 | sed 's/^/   /'
"$root/platform" events finance.fees --key "$invoice" --bootstrap "$kafka" 2>/dev/null | grep -q fee.paid || fail "no fee.paid for $invoice"

echo "Finance demo OK"
