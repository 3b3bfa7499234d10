#pragma once

#include <QTableView>

// The delivery list: one row per delivery, rows coloured by their analysis flags,
// a status dot in the Signature column, tooltips as plain text. It follows new rows while its
// scroll bar is at the bottom; scrolling up stops that and scrolling back to the bottom resumes it.
class DeliveryTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryTableView)

public:
    explicit DeliveryTableView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    bool isFollowing() const { return m_following; }

public slots:
    void setFollowing(bool following);

signals:
    void followingChanged(bool following);

protected:
    bool viewportEvent(QEvent *event) override;

private:
    void onRangeChanged(int minimum, int maximum);
    void onScrolled(int value);

    bool m_following = true;
};
