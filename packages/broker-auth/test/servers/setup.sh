#!/usr/bin/env bash
# The real servers behind the broker-auth server tests (idempotent):
#   setup.sh start DIR   generate certificates, write nginx.conf, start nginx and the backend;
#                        prints DIR/servers.json (ports and certificate paths)
#   setup.sh stop DIR    stop them (only the processes this script started, by their pid)
# nginx runs in the foreground (daemon off) under a pid recorded in DIR, on 127.0.0.1 high
# ports only, with its prefix in DIR: no system-wide nginx service is used or touched.
# NGINX=/path/to/nginx picks the binary (and skips the apt-get install).
set -euo pipefail
cmd="${1:-start}"
dir="${2:-${TMPDIR:-/tmp}/pact-broker-auth-servers}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_bin="${NODE:-node}"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop() {
  for p in nginx.pid backend.pid; do
    if alive "$dir/$p"; then kill "$(cat "$dir/$p")" 2>/dev/null || true; fi
    rm -f "$dir/$p"
  done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi

if [ -z "${NGINX:-}" ] && ! command -v nginx >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup.sh: installing nginx from Debian's packages" >&2
    (apt-get update -qq && apt-get install -y -qq nginx-light) >&2 ||
      apt-get install -y -qq nginx >&2 || true
  fi
fi
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
if [ ! -x "$NGINX" ]; then
  echo "setup.sh: nginx is not installed and could not be installed (needs apt-get and root)." >&2
  echo "Install nginx, or set PACT_SKIP_SERVER_TESTS=1 to skip the server tests." >&2
  exit 3
fi
command -v openssl >/dev/null 2>&1 || { echo "setup.sh: openssl is required" >&2; exit 3; }

if alive "$dir/nginx.pid" && alive "$dir/backend.pid" && [ -f "$dir/servers.json" ]; then
  cat "$dir/servers.json"; exit 0
fi
stop
mkdir -p "$dir/certs" "$dir/logs" "$dir/tmp"
chmod 755 "$dir" "$dir/certs"
c="$dir/certs"

# Certificates: a test CA, a server certificate for localhost/127.0.0.1, client
# certificates (RSA in PKCS#1, EC in SEC1) and one from a different, untrusted CA.
if [ ! -f "$c/done" ]; then
  (
    cd "$c"
    q() { openssl "$@" >/dev/null 2>&1; }
    q req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/CN=pact-config test CA"
    q req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 3650 -subj "/CN=untrusted test CA"
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
    q req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
    q x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 3650 -extfile server.ext
    q genrsa -traditional -out client-rsa.key 2048
    q req -new -key client-rsa.key -out client-rsa.csr -subj "/CN=client-rsa"
    q x509 -req -in client-rsa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client-rsa.pem -days 3650 -extfile client.ext
    q ecparam -name prime256v1 -genkey -noout -out client-ec.key
    q req -new -key client-ec.key -out client-ec.csr -subj "/CN=client-ec"
    q x509 -req -in client-ec.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client-ec.pem -days 3650 -extfile client.ext
    q req -newkey rsa:2048 -nodes -keyout client-untrusted.key -out client-untrusted.csr -subj "/CN=client-untrusted"
    q x509 -req -in client-untrusted.csr -CA other-ca.pem -CAkey other-ca.key -CAcreateserial -out client-untrusted.pem -days 3650 -extfile client.ext
    # The basic-auth password file (apr1 hash), user "jörg" (UTF-8) and user "pact".
    printf 'pact:%s\n' "$(openssl passwd -apr1 'p@ss:wörd')" > htpasswd
    printf '%s:%s\n' "jörg" "$(openssl passwd -apr1 'geheim')" >> htpasswd
    echo 'bWF0Y2hpbmctdG9rZW4tMTIz.abc_~+/=' > token
    chmod 644 ./*
    touch done
  )
fi

# Free ports on 127.0.0.1, chosen by the OS.
read -r backend basic bearer mtls redirect < <("$node_bin" -e '
  const net = require("node:net");
  const servers = Array.from({ length: 5 }, () => net.createServer());
  Promise.all(servers.map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
    .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });
')
token="$(cat "$c/token")"

cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid.nginx;
error_log $dir/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  ssl_certificate $c/server.pem;
  ssl_certificate_key $c/server.key;
  proxy_set_header X-Forwarded-Host \$http_host;
  # Basic authentication (RFC 7617)
  server {
    listen 127.0.0.1:$basic ssl;
    location / {
      auth_basic "pact broker";
      auth_basic_user_file $c/htpasswd;
      proxy_pass http://127.0.0.1:$backend;
    }
  }
  # Bearer token (RFC 6750); /go-away redirects to another origin, /moved to the same one
  server {
    listen 127.0.0.1:$bearer ssl;
    location = /go-away { return 302 http://127.0.0.1:$backend/echo; }
    location = /moved { return 301 https://127.0.0.1:$bearer/echo; }
    location = /loop { return 302 /loop; }
    location / {
      if (\$http_authorization != "Bearer $token") { return 401; }
      proxy_pass http://127.0.0.1:$backend;
    }
  }
  # Mutual TLS: a client certificate signed by the test CA is required
  server {
    listen 127.0.0.1:$mtls ssl;
    ssl_client_certificate $c/ca.pem;
    ssl_verify_client on;
    location / { proxy_pass http://127.0.0.1:$backend; }
  }
  # Plain http with basic auth, for a redirect from http to another origin
  server {
    listen 127.0.0.1:$redirect;
    location = /go-away { return 302 http://127.0.0.1:$backend/echo; }
    location / { proxy_pass http://127.0.0.1:$backend; }
  }
}
CONF

"$node_bin" "$here/backend.mjs" "$backend" > "$dir/logs/backend.log" 2>&1 &
echo $! > "$dir/backend.pid"
"$NGINX" -e "$dir/logs/error.log" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' > "$dir/logs/nginx.out" 2>&1 &
echo $! > "$dir/nginx.pid"

# Wait until every port answers (nginx fails fast on a bad config).
for _ in $(seq 1 100); do
  if ! alive "$dir/nginx.pid"; then
    echo "setup.sh: nginx did not start:" >&2; cat "$dir/logs/nginx.out" "$dir/logs/error.log" >&2 || true
    stop; exit 4
  fi
  if "$node_bin" -e '
    const net = require("node:net");
    Promise.all(process.argv.slice(1).map((p) => new Promise((ok, no) => {
      const s = net.connect(Number(p), "127.0.0.1", () => { s.end(); ok(); }); s.on("error", no);
    }))).then(() => process.exit(0), () => process.exit(1));
  ' "$backend" "$basic" "$bearer" "$mtls" "$redirect" 2>/dev/null; then
    break
  fi
  sleep 0.1
done

cat > "$dir/servers.json" <<JSON
{
  "dir": "$dir",
  "ports": { "backend": $backend, "basic": $basic, "bearer": $bearer, "mtls": $mtls, "redirect": $redirect },
  "token": "$token",
  "certs": {
    "ca": "$c/ca.pem", "otherCa": "$c/other-ca.pem",
    "clientRsa": "$c/client-rsa.pem", "clientRsaKey": "$c/client-rsa.key",
    "clientEc": "$c/client-ec.pem", "clientEcKey": "$c/client-ec.key",
    "clientUntrusted": "$c/client-untrusted.pem", "clientUntrustedKey": "$c/client-untrusted.key"
  }
}
JSON
cat "$dir/servers.json"
