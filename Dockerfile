# pgfleet's GitHub Actions image: one static binary serving every action
# (setup, state/prepare, state/deploy, prepare, deploy and the root action
# select a mode through their args). CI runs the same build command
# (internal/action's TestStaticBinary reads it from this file) and checks
# the result is statically linked, since no Docker engine runs there.
#
# GitHub's rules for container actions: no USER (the action runs as root),
# no WORKDIR (the runner mounts the workspace and sets it), an absolute
# exec-form ENTRYPOINT.

FROM golang:1.26-bookworm AS build
ENV CGO_ENABLED=1 GOFLAGS=-buildvcs=false
COPY go.mod go.sum /src/
RUN cd /src && go mod download
COPY . /src/
# pg_query_go needs cgo: link it statically against glibc's libc.a.
RUN cd /src && go build -trimpath -tags netgo,osusergo -ldflags '-s -w -linkmode external -extldflags "-static"' -o /out/pgfleet .

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/pgfleet /usr/local/bin/pgfleet
ENTRYPOINT ["/usr/local/bin/pgfleet"]
