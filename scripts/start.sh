#!/usr/bin/env bash
# `make start`: bring the site up to date, then serve it with the task worker beside it
# (and, with db_storage: direct, the instance's own ZEO server). Ctrl-C stops them all.
set -euo pipefail
scripts=$(dirname "$0")
bin=${VENV:-.venv}/bin
instance=${INSTANCE:-instance}
config=${CONFIG:-instance.yaml}
pids=()

stop_all() {
  # The web server and the worker first, the database last.
  local index
  for ((index = ${#pids[@]} - 1; index >= 0; index--)); do
    kill -TERM "${pids[index]}" 2>/dev/null || true
    wait "${pids[index]}" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if [[ -f $instance/etc/zeo.conf ]]; then
  "$bin/runzeo" -C "$instance/etc/zeo.conf" &
  pids+=($!)
  socket=$(sed -n 's/^ *address //p' "$instance/etc/zeo.conf")
  until "$bin/python" -c 'import socket, sys; socket.socket(socket.AF_UNIX).connect(sys.argv[1])' "$socket" 2>/dev/null; do
    if ! kill -0 "${pids[0]}" 2>/dev/null; then
      echo "The database server (ZEO) did not start: see $instance/var/log/zeo.log" >&2
      exit 1
    fi
    sleep 0.2
  done
fi

"$bin/zconsole" run "$instance/etc/zope.conf" "$scripts/create_site.py"

"$bin/wikimooc-worker" "$instance/etc/zope.conf" &
pids+=($!)

# Web instances 2, 3, … (make start INSTANCES=n) share the database and the queue.
urls=()
for ini in "$instance"/etc/zope-*.ini; do
  [[ -e $ini ]] || continue
  "$bin/runwsgi" "$ini" &
  pids+=($!)
  urls+=("http://$(sed -n 's/^host = //p' "$ini"):$(sed -n 's/^port = //p' "$ini")/wikimooc")
done

host=$(sed -n 's/^host = //p' "$instance/etc/zope.ini")
port=$(sed -n 's/^port = //p' "$instance/etc/zope.ini")
login=$(sed -n 's/^initial_user_name: *//p' "$config")
cat <<BANNER

  WikiMOOC: http://$host:$port/wikimooc ${urls[*]:+(and ${urls[*]})}
  Log in as '${login:-admin}' with the initial_user_password of $config.
  The task worker runs beside the web server. Ctrl-C stops everything.

BANNER
# In the foreground: background jobs of a script ignore Ctrl-C, the web server must not.
"$bin/runwsgi" "$instance/etc/zope.ini"
