# docker.mk - included by the top Makefile.
#
#   make docker-test    build docker/Dockerfile and check the running image
#                       (Docker if an engine answers, else Podman; see
#                       docker/docker-test.sh)

.PHONY: docker-test

docker-test:
	docker/docker-test.sh
