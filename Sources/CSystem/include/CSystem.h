#ifndef CSYSTEM_H
#define CSYSTEM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

/// accept4(2), which needs _GNU_SOURCE and so is not visible through Glibc's Swift module.
int csystem_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
#endif
