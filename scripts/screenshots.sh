#!/usr/bin/env bash
# Starts the terminal under Xvfb on a fresh demo store, drives it with xdotool like a cashier
# (PIN, scans, payment) and saves screenshots into docs/screenshots/.
# Needs: xvfb, xdotool, imagemagick (installed with apt-get when missing, as root).
# PRODUCTS=100000 first imports that many extra products (to measure start-up and memory with
# a large catalogue); SIZE=1024x768 runs on a small counter screen. Either way the screenshots
# then go to a temporary folder instead.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null && import -version 2>/dev/null | grep -q ImageMagick || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release --quiet
bin=target/release/kasir
data=$(mktemp -d)
out=docs/screenshots
{ [ -n "${PRODUCTS:-}" ] || [ -n "${SIZE:-}" ]; } && out=$(mktemp -d)
size=${SIZE:-1280x800}
export KASIR_WINDOW=$size
mkdir -p "$out"
"$bin" --data-dir "$data" init --demo >/dev/null
if [ -n "${PRODUCTS:-}" ]; then
    awk -v n="$PRODUCTS" 'BEGIN {
        print "sku,name,category,price,tax_class";
        for (i = 0; i < n; i++) printf "BIG%06d,Produk Tambahan %d 250 g,Umum,%d,PPN\n", i, i, 1000 + (i % 500) * 100
    }' > "$data/big.csv"
    "$bin" --data-dir "$data" catalog import "$data/big.csv"
fi

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp &
xvfb=$!
export DISPLAY=$display
sleep 1
# The CPU renderer: no GPU under Xvfb.
started=$(date +%s.%N)
ICED_BACKEND=tiny-skia "$bin" --data-dir "$data" &
app=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT

window=""
for _ in $(seq 1 60); do
    window=$(xdotool search --name "Kasir" 2>/dev/null | head -n 1 || true)
    [ -n "$window" ] && break
    sleep 0.5
done
[ -n "$window" ] || { echo "the Kasir window did not appear" >&2; exit 1; }
echo "start-up to a mapped window: $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $started }") s (polled every 0.5 s)"
# Bare Xvfb has no window manager: focus the window ourselves.
xdotool windowfocus --sync "$window" || true
sleep 1.5

shot() { sleep 0.8; import -window root "$out/$1.png"; echo "saved $out/$1.png"; }

shot login
echo "resident memory at the login screen: $(grep VmRSS /proc/$app/status | awk '{print $2}') kB"
xdotool type --delay 80 1111
xdotool key Return
sleep 1
for code in 8997908345093 8997908345093 8992173167173 2100101012501 8992173167173; do
    xdotool type --delay 20 "$code"
    xdotool key Return
    sleep 0.3
done
xdotool type --delay 60 "teh bot"
shot checkout
xdotool key ctrl+a BackSpace
xdotool key F9
sleep 0.5
xdotool key F8
shot payment
xdotool key F9
shot receipt
# The next customer: one line, then its edit dialog with a discount past the cashier's limit.
xdotool key Return
sleep 0.5
xdotool type --delay 20 8997908345093
xdotool key Return
sleep 0.3
xdotool key F3
sleep 0.3
xdotool key Tab Tab
xdotool type --delay 40 25
shot edit-line
xdotool key Return
shot manager-approval
xdotool key Escape
sleep 0.3
# The shift and day screen (park the sale first: it opens from an empty cart).
xdotool key F6
sleep 0.5
xdotool key F12
shot shift
xdotool key Escape
