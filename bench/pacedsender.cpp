#include "pacedsender.h"

#include "windowbench.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <deque>

namespace {
constexpr qint64 kGiveUpNs = 15LL * 1000 * 1000 * 1000; // no answer for this long: stop

struct Connection
{
    int fd = -1;
    int request = -1; // the request in flight; -1 when idle
    QByteArray out;
    qsizetype written = 0;
    QByteArray in;
};

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

// Takes one whole response off the front of `in`; false while it is incomplete.
bool takeResponse(QByteArray &in, int *status)
{
    const qsizetype end = in.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = in.left(end).split('\n');
    qsizetype length = 0;
    for (const QByteArray &line : lines) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (in.size() < end + 4 + length)
        return false;
    *status = lines.value(0).mid(9, 3).toInt();
    in.remove(0, end + 4 + length);
    return true;
}

bool flushOut(Connection &c)
{
    while (c.written < c.out.size()) {
        const ssize_t n = ::send(c.fd, c.out.constData() + c.written,
                                 std::size_t(c.out.size() - c.written), MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK;
        c.written += n;
    }
    return true;
}
} // namespace

PacedSender::PacedSender(quint16 port, QVector<QByteArray> bodies, double perSecond,
                         int connections, QByteArray pathPrefix)
    : PacedSender(
          port, int(bodies.size()), [bodies](int index) { return bodies.at(index); }, perSecond,
          connections, std::move(pathPrefix))
{}

PacedSender::PacedSender(quint16 port, int count, BodySource bodies, double perSecond,
                         int connections, QByteArray pathPrefix)
    : m_port(port)
    , m_count(count)
    , m_bodies(std::move(bodies))
    , m_perSecond(perSecond)
    , m_connections(connections)
    , m_prefix(std::move(pathPrefix))
{}

PacedSender::~PacedSender()
{
    wait();
}

void PacedSender::start()
{
    m_thread = std::thread([this] {
        run();
        m_finished.store(true);
    });
}

void PacedSender::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

void PacedSender::run()
{
    const int count = m_count;
    Result &r = m_result;
    r.sentNs.assign(std::size_t(count), 0);
    r.answeredNs.assign(std::size_t(count), 0);
    r.status.assign(std::size_t(count), 0);
    std::vector<Connection> connections(static_cast<std::size_t>(m_connections));
    // Idle connections, the longest idle first: each is used in turn, so that none stays
    // idle long enough for the server's idle timeout to close it under a request.
    std::deque<int> idle;
    for (int i = 0; i < m_connections; ++i) {
        connections[std::size_t(i)].fd = connectTo(m_port);
        if (connections[std::size_t(i)].fd < 0)
            ++r.errors;
        else
            idle.push_back(i);
    }
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_port);
    const qint64 start = steadyNowNs();
    const double intervalNs = 1e9 / m_perSecond;
    int next = 0;
    int done = 0;
    qint64 lastProgress = start;
    qint64 lastAnswer = start;
    std::vector<pollfd> polls;
    std::vector<int> polled;
    while (done < count) {
        qint64 now = steadyNowNs();
        while (next < count && start + qint64(next * intervalNs) <= now && !idle.empty()) {
            Connection &c = connections[std::size_t(idle.front())];
            idle.pop_front();
            const QByteArray body = m_bodies(next);
            c.out = "POST " + m_prefix + QByteArray::number(next) + " HTTP/1.1\r\nHost: " + host +
                    "\r\nContent-Type: text/plain\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body;
            c.written = 0;
            c.request = next;
            r.sentNs[std::size_t(next)] = now;
            r.maxLagNs = std::max(r.maxLagNs, now - (start + qint64(next * intervalNs)));
            flushOut(c);
            ++next;
        }
        polls.clear();
        polled.clear();
        for (int i = 0; i < m_connections; ++i) {
            const Connection &c = connections[std::size_t(i)];
            if (c.fd < 0)
                continue; // idle ones too: the server may close them
            polls.push_back({c.fd, short(POLLIN | (c.written < c.out.size() ? POLLOUT : 0)), 0});
            polled.push_back(i);
        }
        // Until the next request is due (sub-millisecond), or an answer arrives.
        qint64 waitNs = 1000000;
        if (next < count && !idle.empty())
            waitNs = std::clamp<qint64>(start + qint64(next * intervalNs) - now, 0, 1000000);
        const timespec timeout{0, long(waitNs)};
        if (::ppoll(polls.data(), nfds_t(polls.size()), &timeout, nullptr) < 0 && errno != EINTR)
            break;
        now = steadyNowNs();
        for (std::size_t p = 0; p < polls.size(); ++p) {
            Connection &c = connections[std::size_t(polled[p])];
            if (polls[p].revents & POLLOUT)
                flushOut(c);
            if (!(polls[p].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[16384];
            bool closed = false;
            for (;;) {
                const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
                if (n > 0) {
                    c.in.append(buffer, n);
                    continue;
                }
                closed = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
                break;
            }
            int status = 0;
            if (c.request >= 0 && takeResponse(c.in, &status)) {
                r.answeredNs[std::size_t(c.request)] = now;
                r.status[std::size_t(c.request)] = status;
                c.request = -1;
                ++done;
                lastProgress = lastAnswer = now;
                if (!closed)
                    idle.push_back(polled[p]);
            }
            if (closed) {
                if (c.request >= 0) {
                    ++r.errors;
                    r.status[std::size_t(c.request)] = -1;
                    c.request = -1;
                    ++done;
                } else { // an idle connection the server closed: open it again
                    const auto at = std::find(idle.begin(), idle.end(), polled[p]);
                    if (at != idle.end())
                        idle.erase(at);
                }
                ::close(c.fd);
                c = Connection();
                c.fd = connectTo(m_port);
                if (c.fd >= 0)
                    idle.push_back(polled[p]);
            }
        }
        if (now - lastProgress > kGiveUpNs)
            break;
    }
    for (Connection &c : connections) {
        if (c.fd >= 0)
            ::close(c.fd);
    }
    r.seconds = double(lastAnswer - start) / 1e9;
}
