#ifndef CSYSTEM_H
#define CSYSTEM_H
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

/// accept4(2), which needs _GNU_SOURCE and so is not visible through Glibc's Swift module.
int csystem_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

/// malloc_trim(3): gives the free memory of every malloc arena back to the system. Returns 1 when
/// some was released. <malloc.h> is not part of Glibc's Swift module.
int csystem_malloc_trim(size_t pad);
#endif
