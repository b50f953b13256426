//! The table and column names of the markets migration, shared with later migrations.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Markets {
    Table,
    Id,
    Name,
    Kind,
    SelfSelect,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum MarketSegments {
    Table,
    Id,
    MarketId,
    Name,
    StartTime,
    EndTime,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum MarketCategories {
    Table,
    Id,
    MarketId,
    Name,
    Food,
    Smoky,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum ManagerMarkets {
    Table,
    UserId,
    MarketId,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum MarketSchedules {
    Table,
    Id,
    MarketId,
    SiteId,
    Segment,
    Weekdays,
    DateFrom,
    DateTo,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum MarketSessions {
    Table,
    Id,
    MarketId,
    SiteId,
    BusinessDate,
    Segment,
    StartsAt,
    EndsAt,
    Status,
    CancelReason,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Vendors {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Applications {
    Table,
    Id,
    VendorId,
    MarketId,
    DateFrom,
    DateTo,
    Weekdays,
    Segments,
    Category,
    NeedsPower,
    PreferredStalls,
    Status,
    Reason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Bookings {
    Table,
    Id,
    SessionId,
    StallId,
    VendorId,
    ApplicationId,
    Status,
    CheckedInAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum BookingHistory {
    Table,
    Id,
    BookingId,
    SessionId,
    StallId,
    VendorId,
    ApplicationId,
    CheckedInAt,
    BookedAt,
    Reason,
    CancelledBy,
    CancelledAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Offers {
    Table,
    Id,
    SessionId,
    StallId,
    ApplicationId,
    VendorId,
    Status,
    Deadline,
    BookingId,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum Notices {
    Table,
    Id,
    UserId,
    Kind,
    TextZh,
    TextEn,
    CreatedAt,
    ReadAt,
}
