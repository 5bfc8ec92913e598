#!/usr/bin/env bash
# Reads the mail the platform sent, from its mail catcher (docs/running.md, "Mail"); for demo scripts.
#
#   scripts/mail.sh last-link <address> [--after ID]   the first http(s) link of the newest message to <address>,
#                                                      waiting up to MAIL_WAIT seconds (default 20) for one (newer
#                                                      than message ID with --after)
#   scripts/mail.sh last-id <address>                  the id of the newest message to <address>, 0 if none
#   scripts/mail.sh list <address>                     one line per message to <address>, oldest first
#
# MAIL_API (default http://127.0.0.1:8025) is the catcher's HTTP API: ./platform run's, or http://127.0.0.1:8325
# under --port-offset 300. Needs curl, sed and grep only. A demo that may run twice against the same address asks for
# the id first, so that it never follows the link of an earlier run:
#   before=$(scripts/mail.sh last-id amina@example.org)
#   ... invite amina ...
#   link=$(scripts/mail.sh last-link amina@example.org --after "$before")
set -euo pipefail

MAIL_API="${MAIL_API:-http://127.0.0.1:8025}"
MAIL_API="${MAIL_API%/}"
MAIL_WAIT="${MAIL_WAIT:-20}"

usage() {
  sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
fail() {
  echo "mail.sh: $*" >&2
  exit 1
}
for tool in curl sed grep; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is required"
done

# GET on the API; fails with the answer when it is not 200.
api_get() {
  local out status
  out="$(mktemp)"
  status="$(curl -sS -o "$out" -w '%{http_code}' "$@" 2>&1)" || {
    rm -f "$out"
    fail "the mail catcher does not answer at $MAIL_API ($status); is the platform running? (MAIL_API=$MAIL_API)"
  }
  if [ "$status" != 200 ]; then
    local body
    body="$(cat "$out")"
    rm -f "$out"
    fail "the mail catcher answered $status: $body"
  fi
  cat "$out"
  rm -f "$out"
}

# The messages to an address (JSON), oldest first.
messages_to() {
  api_get --get --data-urlencode "to=$1" "$MAIL_API/messages"
}

# The ids of the messages in a JSON list, one a line. Inside a JSON string a quote is escaped, so '"id":<digits>'
# can only be a message's own id.
# The ids in a list of messages; nothing (and success) when the list is empty, so that a fresh mailbox is 0 messages
# and not a failure under pipefail.
ids() {
  { grep -o '"id":[0-9]*' || true; } | cut -d: -f2
}

last_id() {
  local id
  id="$(messages_to "$1" | ids | tail -n 1)"
  echo "${id:-0}"
}

# One message's JSON as "#id  time  from <sender>  <subject>". Its fields come in a fixed order (id, from, to, subject,
# receivedAt), and inside a JSON string a quote is always escaped.
summary() {
  local string='"(([^"\\]|\\.)*)"'
  sed -E -n "s/^\\{\"id\":([0-9]+),\"from\":($string|null),\"to\":\\[[^]]*\\],\"subject\":($string|null),\"receivedAt\":\"([^\"]{0,19})[^\"]*\".*/#\\1  \\8  from \\3  \\6/p" |
    sed -e 's/\\n/ /g' -e 's/\\t/ /g' -e 's/\\"/"/g' -e 's/\\\\/\\/g' | cut -c1-200
}

# The first link of one message's JSON: 'links' is its last field, and a link holds no quote nor backslash.
first_link() {
  sed -n 's/.*"links":\["\([^"]*\)".*/\1/p'
}

command="${1:-}"
[ $# -ge 2 ] || usage
address="$2"
shift 2
case "$command" in
  last-link)
    after=0
    while [ $# -gt 0 ]; do
      case "$1" in
        --after) [ $# -ge 2 ] || usage; after="$2"; shift 2 ;;
        *) usage ;;
      esac
    done
    case "$after" in '' | *[!0-9]*) fail "--after takes a message id, got '$after'" ;; esac
    deadline=$(($(date +%s) + MAIL_WAIT))
    while :; do
      id="$(last_id "$address")"
      if [ "$id" -gt "$after" ]; then
        message="$(api_get "$MAIL_API/messages/$id")"
        link="$(printf '%s' "$message" | first_link)"
        [ -n "$link" ] || fail "the newest message to $address has no http(s) link: $(printf '%s' "$message" | summary)"
        printf '%s\n' "$link"
        exit 0
      fi
      [ "$(date +%s)" -lt "$deadline" ] ||
        fail "no message to $address$([ "$after" = 0 ] || echo " newer than #$after") within $MAIL_WAIT s at $MAIL_API"
      sleep 0.5
    done
    ;;
  last-id)
    [ $# -eq 0 ] || usage
    last_id "$address"
    ;;
  list)
    [ $# -eq 0 ] || usage
    count=0
    for id in $(messages_to "$address" | ids); do
      api_get "$MAIL_API/messages/$id" | summary
      count=$((count + 1))
    done
    echo "$count message(s) to $address at $MAIL_API" >&2
    ;;
  *) usage ;;
esac
