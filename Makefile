# Loket — the two commands are `make run` and `make test`; the rest are their parts.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

BIN := target/debug/loket

.PHONY: run test lint backend frontend test-backend-sqlite test-backend-postgres test-frontend integration-examples \
        openapi openapi-check bundle-budget e2e api-fuzz schemathesis postgres aiosmtpd chromium poppler pyhanko bench clean \
        docs-pictures

## run: build the SPA and the backend, serve both at http://127.0.0.1:8080 on SQLite with demo data
run: frontend backend
	LOKET_DEMO=true STATIC_DIR=frontend/dist $(BIN) serve

## test: every test — backend on SQLite and PostgreSQL, frontend units, OpenAPI drift, browser
SUITES := lint test-backend-sqlite test-backend-postgres test-frontend bundle-budget openapi-check e2e api-fuzz integration-examples
test: $(SUITES)
	@echo "suites: $(words $(SUITES)) passed, 0 failed"

## lint: rustfmt, clippy (warnings are errors) and the code-shape rules on the backend; ESLint and Prettier on the SPA
lint: frontend/node_modules/.installed
	cargo fmt -p loket --check
	cargo clippy -p loket --all-targets --quiet -- -D warnings
	scripts/check-code-shape.py
	cd frontend && npm run lint

backend:
	cargo build -p loket

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

e2e/node_modules/.installed: e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	touch $@

frontend: frontend/node_modules/.installed
	cd frontend && npm run build

test-backend-sqlite: aiosmtpd poppler pyhanko
	LOKET_TEST_DB=sqlite cargo test -p loket --lib --test api

test-backend-postgres: postgres aiosmtpd poppler pyhanko
	LOKET_TEST_DB=postgres cargo test -p loket --test api

test-frontend: frontend/node_modules/.installed
	cd frontend && npm test

## bundle-budget: a citizen's first page load stays under 100 KB of JavaScript, gzipped
bundle-budget: frontend
	node frontend/scripts/first-load.mjs --budget 100

## bench: over HTTP against the release server, on SQLite and PostgreSQL: searches, inbox,
## "Mijn aanvragen" and the Excel report at 10,000 / 100,000 / 1,000,000 requests
## (LOKET_BENCH_SIZES to choose), and automatic submissions at 1, 8 and 32 clients beside the
## raw database and trivial HTTP ceilings; the SPA's first-load JavaScript. Results as JSON
## under bench/results/.
bench: postgres frontend
	node frontend/scripts/first-load.mjs
	cargo bench -p loket --bench search
	cargo bench -p loket --bench submit

## openapi: regenerate openapi/openapi.json and the SPA's API types from the code
openapi: backend frontend/node_modules/.installed
	$(BIN) openapi > openapi/openapi.json
	cd frontend && npm run gen:api

## openapi-check: fail when the committed document or the SPA's types drift from the code
openapi-check: backend frontend/node_modules/.installed
	@$(BIN) openapi | diff -u openapi/openapi.json - >/dev/null \
		|| { echo "openapi/openapi.json is out of date: run 'make openapi'"; exit 1; }
	cd frontend && npm run check:api
	@echo "openapi: the committed document and the SPA types match the code"

## e2e: the browser tests, with the mock outside systems served over HTTP (the HTTP adapters,
## the code path of production, carry every call)
e2e: frontend backend chromium e2e/node_modules/.installed
	LOKET_MOCKS_OVER_HTTP=true LOKET_CHECK_LOGS=1 RUST_LOG=info scripts/with-server.sh sh -c 'cd e2e && E2E_BASE_URL="$$BASE_URL" npx playwright test'

## api-fuzz: schemathesis checks the running API against its OpenAPI document
api-fuzz: frontend backend schemathesis
	scripts/with-server.sh scripts/api-fuzz.sh

## integration-examples: the README's "Integrating with Loket" examples, run as written against a demo server
integration-examples: frontend backend
	scripts/with-server.sh python3 scripts/readme-examples.py

# The README's pictures of a certificate, its cover letter and an extract (docs/*.png).
docs-pictures: frontend backend poppler
	scripts/with-server.sh python3 scripts/docs-pictures.py

schemathesis:
	@python3 -c 'import schemathesis' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check schemathesis

postgres:
	scripts/ensure-postgres.sh

# The e-mail tests talk to a real SMTP server (Python's aiosmtpd).
aiosmtpd:
	@python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check aiosmtpd

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# The document tests read PDFs with independent tools: poppler's pdftotext, pdffonts, pdftoppm and
# pdfsig (Debian's poppler-utils), zbarimg for the QR code (zbar-tools), and pyHanko for the seal.
poppler:
	@command -v pdfsig >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }
	@command -v zbarimg >/dev/null || { apt-get update -qq && apt-get install -y -qq zbar-tools >/dev/null; }

pyhanko:
	@python3 -c 'import pyhanko.sign' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pyhanko

clean:
	rm -rf target frontend/dist frontend/node_modules e2e/node_modules data
