# The two commands of the README: `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
LISTEN ?= 127.0.0.1:8080
DB ?= sqlite:data/fremdrift.db

.PHONY: all deps configure build binary run test bench fuzz format lint clean deb

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

configure: deps $(BUILD_DIR)/CMakeCache.txt

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Only the server binary: `make run` need not wait for the tests to compile.
binary: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target fremdrift

run: binary
	@mkdir -p data
	./$(BUILD_DIR)/fremdrift --db $(DB) migrate
	./$(BUILD_DIR)/fremdrift --db $(DB) serve --listen $(LISTEN) --demo

# The Debian package (deploy/debian/, deploy/README.md): $(BUILD_DIR)/fremdrift_<version>_amd64.deb
deb: binary
	cd $(BUILD_DIR) && cpack -G DEB

test: build
	@bash scripts/test.sh $(BUILD_DIR)

bench: build
	@bash scripts/install-deps.sh --with-bench
	@bash bench/run

fuzz:
	@bash scripts/fuzz.sh

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'fuzz/*.cpp' 'tools/*.cpp' 'bench/*.cpp')

lint:
	@bash scripts/lint.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
