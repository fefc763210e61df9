#!/usr/bin/env bash
# Start a throwaway CUPS daemon in DIR, listening only on DIR/cups.sock, with the test queues,
# and print the environment that points libcups (and so Qt) at it.
# Usage: eval "$(scripts/cups-throwaway.sh start DIR)"   ...   scripts/cups-throwaway.sh stop DIR
# Queues (every job lands in DIR/out as QUEUE-JOB.data with .options/.title/.done). Jobs go
# through the real filters: pdftopdf always, then pdftoraster for the raster drivers.
#   Termica-80         80 mm thermal, fixed roll sizes only (80x200, 80x297, 80x3276 mm), 203 dpi,
#                      prints the full width; gets a PDF (pdftopdf)
#   Termica-80-Libre   the same driver with custom sizes (20-80 mm wide, up to 3276 mm long)
#   Termica-80-Margen  80 mm thermal printing only 4-76 mm (ImageableArea), 203 dpi, 1-bit
#                      CUPS raster: what a thermal head gets
#   Termica-58-Margen  58 mm thermal printing only 5-53 mm, 203 dpi, 1-bit CUPS raster
#   Oficina-PDF        office printer, A4, A5 and Letter, 600 dpi
#   Oficina-A4         office printer with A4 only, 600 dpi
#   Oficina-Margen     office printer with 12 pt margins all round, A4, A5 and Letter
#   Recibos-RAW        a raw queue (no driver): what a receipt printer gets as ESC/POS bytes
set -euo pipefail
action=${1:?start|stop}
dir=${2:?folder}
here=$(cd "$(dirname "$0")" && pwd)
case "$action" in
  start)
    command -v cupsd >/dev/null || { echo "cupsd is not installed (Debian: cups-daemon)" >&2; exit 3; }
    dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
    mkdir -p "$dir"/{conf/ppd,spool/tmp,cache,state,log,out,bin}
    # The system's helper programs, plus the folder backend.
    for sub in /usr/lib/cups/*; do ln -sfn "$sub" "$dir/bin/$(basename "$sub")"; done
    rm -f "$dir/bin/backend"
    mkdir -p "$dir/bin/backend"
    for b in /usr/lib/cups/backend/*; do ln -sfn "$b" "$dir/bin/backend/"; done
    # As root, cupsd runs filters as lp, but a backend readable only by root as root: the
    # folder may sit under a private temporary folder that lp cannot enter.
    mode=755; [ "$(id -u)" = 0 ] && mode=700
    install -m "$mode" "$here/cups/coopfile" "$dir/bin/backend/coopfile"
    chmod 777 "$dir/out" "$dir/spool/tmp"
    chmod 755 "$dir" "$dir/bin" "$dir/bin/backend"
    user=$(id -un); group=$(id -gn)
    if [ "$(id -u)" = 0 ]; then user=lp; group=lp; fi
    cat >"$dir/conf/cups-files.conf" <<CONF
ServerRoot $dir/conf
ServerBin $dir/bin
DataDir /usr/share/cups
RequestRoot $dir/spool
TempDir $dir/spool/tmp
CacheDir $dir/cache
StateDir $dir/state
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
User $user
Group $group
SystemGroup $(id -gn)
Sandboxing Relaxed
CONF
    cat >"$dir/conf/cupsd.conf" <<CONF
Listen $dir/cups.sock
LogLevel warn
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
WebInterface No
JobRetryInterval 1
PreserveJobFiles No
PreserveJobHistory Yes
MaxJobs 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
    setsid cupsd -f -c "$dir/conf/cupsd.conf" -s "$dir/conf/cups-files.conf" \
      </dev/null >"$dir/log/cupsd.out" 2>&1 &
    echo $! >"$dir/cupsd.pid"
    export CUPS_SERVER="$dir/cups.sock"
    # up to 15 s: on a loaded 2-core machine the daemon can take several seconds to answer
    for _ in $(seq 300); do lpstat -r >/dev/null 2>&1 && break; sleep 0.05; done
    lpstat -r >/dev/null 2>&1 || { cat "$dir/log/error_log" >&2; exit 1; }
    add() { lpadmin -p "$1" -E -v "coopfile:$dir/out" "${@:2}" 2>/dev/null; }
    add Termica-80 -P "$here/cups/thermal-80-fixed.ppd"
    add Termica-80-Libre -P "$here/cups/thermal-80-custom.ppd"
    add Oficina-PDF -P "$here/cups/office-a4-a5.ppd"
    add Oficina-A4 -P "$here/cups/office-a4.ppd"
    add Termica-80-Margen -P "$here/cups/thermal-80-margins.ppd"
    add Termica-58-Margen -P "$here/cups/thermal-58-margins.ppd"
    add Oficina-Margen -P "$here/cups/office-margins.ppd"
    add Recibos-RAW -m raw
    echo "export CUPS_SERVER=$dir/cups.sock"
    ;;
  stop)
    if [ -f "$dir/cupsd.pid" ]; then
      pid=$(cat "$dir/cupsd.pid")
      kill "$pid" 2>/dev/null || true
      # wait until it has written its cache and gone, so the folder can be removed
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      rm -f "$dir/cupsd.pid"
    fi
    ;;
esac
