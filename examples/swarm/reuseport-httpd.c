/*
 * reuseport-httpd: a tiny static HTTP server that can be replaced without dropping a request
 * (the pattern bench/swarm measures; see the Swarm section of the README).
 *
 *   reuseport-httpd ADDR:PORT DIR     serves DIR's files (GET/HEAD, "/" is index.html)
 *
 * - It binds with SO_REUSEPORT, so a new task of a Swarm service on the host network (update
 *   order start-first) binds the same port while its predecessor still serves: the kernel spreads
 *   new connections over both.
 * - On SIGTERM (what `docker stop` and Swarm send first) it stops accepting: it serves what is
 *   already in its accept queue, closes the listening socket (new connections go to the other
 *   listener), finishes and exits 0 — well inside the stop_grace_period.
 * - Any server that does both works the same way: gunicorn --reuse-port, Node's
 *   server.listen({ port, reusePort: true }) (Node 22.12+), nginx `listen … reuseport`.
 *
 * Build: gcc -O2 -static -o reuseport-httpd reuseport-httpd.c  (a FROM scratch image needs nothing else)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *root;

static void reply(int fd, const char *status, const char *body, size_t len, int head) {
  char hdr[256];
  int n = snprintf(hdr, sizeof hdr,
                   "HTTP/1.0 %s\r\nContent-Type: text/html\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                   status, len);
  if (write(fd, hdr, (size_t)n) < 0) return;
  size_t off = 0;
  while (!head && off < len) {
    ssize_t w = write(fd, body + off, len - off);
    if (w <= 0) return;
    off += (size_t)w;
  }
}

/* Reads one request (until the blank line, 2 s at most), answers it, closes the connection. */
static void serve(int fd) {
  char req[4096];
  size_t got = 0;
  struct timeval tv = {2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (got < sizeof req - 1) {
    ssize_t r = read(fd, req + got, sizeof req - 1 - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
    req[got] = 0;
    if (strstr(req, "\r\n\r\n")) break;
  }
  req[got] = 0;
  char method[8], path[1024];
  if (sscanf(req, "%7s %1023s", method, path) != 2) {
    close(fd);
    return;
  }
  int head = strcmp(method, "HEAD") == 0;
  char *q = strchr(path, '?');
  if (q) *q = 0;
  if (strcmp(method, "GET") != 0 && !head) {
    reply(fd, "405 Method Not Allowed", "", 0, head);
  } else if (strstr(path, "..") || path[0] != '/') {
    reply(fd, "400 Bad Request", "", 0, head);
  } else {
    char file[2048];
    snprintf(file, sizeof file, "%s%s", root, strcmp(path, "/") == 0 ? "/index.html" : path);
    int f = open(file, O_RDONLY);
    struct stat st;
    if (f < 0 || fstat(f, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > (1 << 20)) {
      if (f >= 0) close(f);
      reply(fd, "404 Not Found", "not found\n", 10, head);
    } else {
      char *buf = malloc((size_t)st.st_size + 1);
      ssize_t r = buf ? read(f, buf, (size_t)st.st_size) : -1;
      close(f);
      if (r >= 0) reply(fd, "200 OK", buf, (size_t)r, head);
      free(buf);
    }
  }
  shutdown(fd, SHUT_WR);
  close(fd);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s ADDR:PORT DIR\n", argv[0]);
    return 2;
  }
  root = argv[2];
  char addr[64];
  snprintf(addr, sizeof addr, "%s", argv[1]);
  char *colon = strrchr(addr, ':');
  if (!colon) {
    fprintf(stderr, "reuseport-httpd: %s is not ADDR:PORT\n", argv[1]);
    return 2;
  }
  *colon = 0;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
  if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
    fprintf(stderr, "reuseport-httpd: %s is not an IPv4 address\n", addr);
    return 2;
  }
  /* SIGTERM/SIGINT arrive through a signalfd: as PID 1 of a container a signal without a handler
     would be ignored (docker stop would wait out the grace period and SIGKILL us mid-request). */
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGINT);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  signal(SIGPIPE, SIG_IGN);
  int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
  int one = 1;
  int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
      setsockopt(lfd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0 ||
      bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(lfd, 128) < 0) {
    fprintf(stderr, "reuseport-httpd: cannot listen on %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  fprintf(stderr, "reuseport-httpd: listening on %s (SO_REUSEPORT), serving %s\n", argv[1], root);
  struct pollfd p[2] = {{.fd = lfd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
  for (;;) {
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    if (p[1].revents & POLLIN) break;
    if (p[0].revents & POLLIN) {
      int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
      if (c >= 0) serve(c);
    }
  }
  /* Stop accepting: serve every connection already queued on our socket, then close it. */
  fcntl(lfd, F_SETFL, O_NONBLOCK);
  int drained = 0;
  for (int c; (c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) >= 0; drained++) serve(c);
  close(lfd);
  fprintf(stderr, "reuseport-httpd: SIGTERM: stopped accepting, served %d queued, exiting\n", drained);
  return 0;
}
