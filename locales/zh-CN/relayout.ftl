relayout-locked-outside = { $count } 个锁定的摊位（{ $stalls }）不在修改后的场地范围内（或压在场地内挖空的部分上）。请先移动或解除锁定这些摊位，再重新布置。
relayout-booked-in-the-way = { $count } 个摊位（{ $stalls }）已被尚未结束的场次预订，不能重新布置。请在平面图上锁定这些摊位（锁定的摊位保持原样，其余摊位围绕它们重新布置），或先取消、调整这些排位。
