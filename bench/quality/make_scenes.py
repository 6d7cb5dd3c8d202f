# Builds the quality benchmark's scenes in Blender and saves each as a .blend (what Cycles and EEVEE
# render) and a glTF 2.0 file (what synthgen renders), from the same objects, lights and camera.
#
#   blender -b --factory-startup --python bench/quality/make_scenes.py -- OUT_DIR
#
# Deterministic: every position, size and colour is written below; nothing is random.
# Materials are Principled BSDF with base colour, metallic and roughness only (what glTF carries).
# The world is a uniform grey of radiance WORLD_GREY: the value synthgen gives every glTF scene
# (docs/scene-format.md, "glTF scenes": environment flat gray 0.3), since glTF has no world colour.
import math
import os
import sys

import bpy

WORLD_GREY = 0.3


def reset():
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    world = bpy.data.worlds.new("world")
    world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (WORLD_GREY, WORLD_GREY, WORLD_GREY, 1.0)
    bg.inputs["Strength"].default_value = 1.0
    scene.world = world
    return scene


def material(name, rgb, roughness=0.5, metallic=0.0):
    m = bpy.data.materials.new(name)
    m.use_nodes = True
    p = m.node_tree.nodes["Principled BSDF"]
    p.inputs["Base Color"].default_value = (rgb[0], rgb[1], rgb[2], 1.0)
    p.inputs["Roughness"].default_value = roughness
    p.inputs["Metallic"].default_value = metallic
    return m


def add(obj_op, name, mat, location, rotation=(0, 0, 0), scale=(1, 1, 1), **kw):
    obj_op(location=location, rotation=rotation, **kw)
    o = bpy.context.active_object
    o.name = name
    o.scale = scale
    o.data.materials.append(mat)
    return o


def smooth(o):
    for poly in o.data.polygons:
        poly.use_smooth = True


def camera(eye, target, lens_mm=35.0):
    bpy.ops.object.camera_add(location=eye)
    cam = bpy.context.active_object
    cam.data.lens = lens_mm
    cam.data.sensor_fit = "AUTO"
    d = [t - e for t, e in zip(target, eye)]
    # Point the camera's -Z at the target with +Y up (world +Z): track quaternion from the direction.
    from mathutils import Vector
    cam.rotation_mode = "QUATERNION"
    cam.rotation_quaternion = Vector(d).to_track_quat("-Z", "Y")
    bpy.context.scene.camera = cam
    return cam


def scene_primitives():
    """Scene 1: a few primitives of different colours on a floor under a sun."""
    reset()
    floor = material("floor", (0.5, 0.5, 0.5), roughness=0.8)
    add(bpy.ops.mesh.primitive_plane_add, "floor", floor, (0, 0, 0), size=8)
    add(bpy.ops.mesh.primitive_cube_add, "red_cube", material("red", (0.8, 0.1, 0.08), 0.4),
        (-0.6, 0.3, 0.25), rotation=(0, 0, math.radians(25)), size=0.5)
    s = add(bpy.ops.mesh.primitive_uv_sphere_add, "blue_sphere", material("blue", (0.1, 0.2, 0.8), 0.3),
            (0.45, 0.4, 0.3), radius=0.3, segments=48, ring_count=24)
    smooth(s)
    c = add(bpy.ops.mesh.primitive_cylinder_add, "green_cylinder", material("green", (0.15, 0.6, 0.15), 0.5),
            (0.1, -0.45, 0.2), radius=0.18, depth=0.4, vertices=48)
    smooth(c)
    # A 1 cm rod standing upright: its shadow on the floor is a thin line.
    r = add(bpy.ops.mesh.primitive_cylinder_add, "thin_rod", material("rod", (0.9, 0.75, 0.2), 0.3, 1.0),
            (-0.1, 0.9, 0.4), radius=0.005, depth=0.8, vertices=16)
    smooth(r)
    # 50° from the zenith, shining toward the camera's left so the shadows (the rod's included) lie in view.
    bpy.ops.object.light_add(type="SUN", location=(2, -2, 4), rotation=(math.radians(50), 0, math.radians(115)))
    sun = bpy.context.active_object
    sun.name = "sun"
    sun.data.energy = 3.0  # W/m² (2049 lux in glTF)
    sun.data.angle = math.radians(0.53)  # the real sun's disk; glTF carries no size
    camera((2.2, -2.6, 1.7), (0.0, 0.15, 0.2))


def scene_room():
    """Scene 2: a corner of a room (floor, two walls) with objects against the walls and inside an
    open box, lit by a point light: contact shadows and colour bleeding from the coloured walls."""
    reset()
    add(bpy.ops.mesh.primitive_plane_add, "floor", material("floor", (0.7, 0.7, 0.65), 0.8), (0, 0, 0), size=3)
    add(bpy.ops.mesh.primitive_plane_add, "back_wall", material("wall_red", (0.75, 0.15, 0.1), 0.9),
        (0, 1.0, 1.0), rotation=(math.radians(90), 0, 0), size=3)
    add(bpy.ops.mesh.primitive_plane_add, "left_wall", material("wall_green", (0.15, 0.6, 0.2), 0.9),
        (-1.0, 0, 1.0), rotation=(0, math.radians(90), 0), size=3)
    box = material("box", (0.8, 0.7, 0.5), 0.7)
    # An open box (no lid) of five thin slabs, 0.6 × 0.4 × 0.25 m outside. The sides fit between the
    # front and back and the bottom between all four, so no two faces are coplanar (Cycles renders
    # coinciding faces black where they overlap).
    t = 0.02
    add(bpy.ops.mesh.primitive_cube_add, "box_front", box, (0.25, -0.1 + t / 2, 0.125), scale=(0.3, t / 2, 0.125), size=2)
    add(bpy.ops.mesh.primitive_cube_add, "box_back", box, (0.25, 0.3 - t / 2, 0.125), scale=(0.3, t / 2, 0.125), size=2)
    add(bpy.ops.mesh.primitive_cube_add, "box_left", box, (-0.05 + t / 2, 0.1, 0.125), scale=(t / 2, 0.2 - t, 0.125), size=2)
    add(bpy.ops.mesh.primitive_cube_add, "box_right", box, (0.55 - t / 2, 0.1, 0.125), scale=(t / 2, 0.2 - t, 0.125), size=2)
    add(bpy.ops.mesh.primitive_cube_add, "box_bottom", box, (0.25, 0.1, t / 2), scale=(0.3 - t, 0.2 - t, t / 2), size=2)
    s = add(bpy.ops.mesh.primitive_uv_sphere_add, "ball_in_box", material("white", (0.85, 0.85, 0.85), 0.3),
            (0.1, 0.12, 0.02 + 0.1), radius=0.1, segments=48, ring_count=24)
    smooth(s)
    add(bpy.ops.mesh.primitive_cube_add, "cube_in_box", material("blue", (0.1, 0.25, 0.8), 0.5),
        (0.38, 0.1, 0.02 + 0.07), rotation=(0, 0, math.radians(20)), size=0.14)
    add(bpy.ops.mesh.primitive_cube_add, "cube_at_wall", material("yellow", (0.85, 0.7, 0.1), 0.5),
        (-0.75, 0.75, 0.2), size=0.4)
    c = add(bpy.ops.mesh.primitive_cylinder_add, "can_at_wall", material("metal", (0.8, 0.8, 0.82), 0.35, 1.0),
            (-0.2, 0.85, 0.15), radius=0.08, depth=0.3, vertices=48)
    smooth(c)
    s = add(bpy.ops.mesh.primitive_uv_sphere_add, "ball_on_floor", material("orange", (0.9, 0.4, 0.1), 0.4),
            (-0.55, -0.2, 0.15), radius=0.15, segments=48, ring_count=24)
    smooth(s)
    bpy.ops.object.light_add(type="POINT", location=(0.4, -0.3, 1.4))
    lamp = bpy.context.active_object
    lamp.name = "lamp"
    lamp.data.energy = 60.0  # W: 60/(4π) = 4.77 W/sr, 3261 cd in glTF
    lamp.data.shadow_soft_size = 0.05  # 5 cm bulb; glTF carries no size
    camera((1.5, -1.9, 1.3), (-0.15, 0.35, 0.25), lens_mm=30.0)


def save(out_dir, name):
    scene = bpy.context.scene
    scene.render.resolution_x, scene.render.resolution_y = 640, 480
    blend = os.path.join(out_dir, name + ".blend")
    bpy.ops.wm.save_as_mainfile(filepath=blend)
    bpy.ops.export_scene.gltf(filepath=os.path.join(out_dir, name + ".gltf"), export_format="GLTF_SEPARATE",
                              export_cameras=True, export_lights=True, export_apply=True)
    print("wrote", blend, "and", name + ".gltf")


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 1:
        sys.exit("usage: blender -b --factory-startup --python make_scenes.py -- OUT_DIR")
    out_dir = os.path.abspath(argv[0])
    os.makedirs(out_dir, exist_ok=True)
    for name, build in (("scene1_primitives", scene_primitives), ("scene2_room", scene_room)):
        build()
        save(out_dir, name)


main()
