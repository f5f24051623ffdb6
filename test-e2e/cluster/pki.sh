#!/usr/bin/env bash
# Creates the cluster's PKI in $1 (once): a CA, one admin certificate (O=system:masters) that
# serves and authenticates every component, as kwokctl does, and the service-account key pair.
set -euo pipefail
dir="$1"
[[ -f "$dir/sa.pub" ]] && exit 0
mkdir -p "$dir.tmp" && cd "$dir.tmp"
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout ca.key -out ca.crt -subj "/CN=kubetrack-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr -subj "/O=system:masters/CN=kubetrack-admin" 2>/dev/null
cat > admin.ext <<'EXT'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:::1
EXT
openssl x509 -req -sha256 -days 3650 -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out admin.crt -extfile admin.ext 2>/dev/null
openssl genrsa -out sa.key 2048 2>/dev/null
openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
rm -f admin.csr admin.ext ca.srl
cd .. && rm -rf "$dir" && mv "$dir.tmp" "$dir"
