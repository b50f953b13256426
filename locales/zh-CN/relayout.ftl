relayout-locked-outside = 锁定的摊位 { $code } 不在修改后的场地范围内。请先移动或解除锁定该摊位，再重新布置。
