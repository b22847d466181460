#!/bin/sh
# The conformance suite's CREATE_USER_CMD (../shared/conformance/README.md): USER PASS MODE, through the real
# CLI commands, on the database of DATABASE_URL (or DATA_DIR):
#   active|inactive  create the user (createuser), or, when the name is taken, set its password
#                    (changepassword) and its active flag (setactive)
#   delete           deleteuser --if-exists (succeeds when there is no such user)
# USER and PASS stay separate arguments, never re-parsed by a shell; PASS reaches --password-stdin byte for
# byte (printf '%s': leading and trailing spaces kept). Passwords are test data: the policy is skipped.
#   CREATE_USER_CMD='sh .ci/conformance-user.sh "$1" "$2" "$3"'
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 USER PASS active|inactive|delete" >&2
  exit 2
fi
user=$1
pass=$2
mode=$3
main="$(cd "$(dirname "$0")/.." && pwd)/dist/src/cli/main.js"
cli() { node "$main" "$@"; }

case $mode in
  delete)
    cli deleteuser --if-exists -- "$user" >/dev/null
    exit $?
    ;;
  active) active=true; created_flag= ;;
  inactive) active=false; created_flag=--inactive ;;
  *)
    echo "$0: MODE must be active, inactive or delete, got '$mode'" >&2
    exit 2
    ;;
esac

# shellcheck disable=SC2086 # created_flag is empty or one word
err=$(printf '%s' "$pass" | cli createuser --skip-password-validation --password-stdin $created_flag -- "$user" 2>&1 >/dev/null)
status=$?
[ "$status" -eq 0 ] && exit 0
case $err in
  *' is taken'*) ;;
  *)
    printf '%s\n' "$err" >&2
    exit "$status"
    ;;
esac
printf '%s' "$pass" | cli changepassword --skip-password-validation --password-stdin -- "$user" >/dev/null || exit $?
cli setactive -- "$user" "$active" >/dev/null
